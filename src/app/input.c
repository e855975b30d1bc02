/* input.c - taps, drags, flings and the corner gesture (input.h). */
#include "input.h"

#include <math.h>
#include <string.h>

#define FLING_TIME_CONSTANT 0.35 /* seconds for the speed to fall to 1/e */

void input_reset(input *in)
{
    memset(in, 0, sizeof *in);
}

void input_down(input *in, view *v, float x, float y, double now)
{
    in->down = true;
    in->dragging = false;
    in->down_x = x;
    in->down_y = y;
    in->last_y = y;
    in->down_time = now;
    in->last_move_time = now;
    in->down_scroll = v->scroll;
    in->velocity = 0;
    v->pressed = view_target_at(v, x, y);
}

void input_move(input *in, view *v, float x, float y, double now, float slop)
{
    if (!in->down)
        return;
    if (!in->dragging && (fabsf(y - in->down_y) > slop || fabsf(x - in->down_x) > slop)) {
        /* A drag that starts in the body scrolls it; a tap is cancelled. */
        in->dragging = in->down_y >= v->body_top && in->down_y < v->body_bottom;
        v->pressed = -1;
        if (!in->dragging)
            in->down = false;
    }
    if (!in->dragging)
        return;
    double dt = now - in->last_move_time;
    float dy = y - in->last_y;
    if (dt > 0) {
        /* Smoothed speed of the finger, for the fling on release. */
        float instant = (float)(-dy / dt);
        float weight = (float)(dt / (dt + 0.05));
        in->velocity = in->velocity * (1 - weight) + instant * weight;
    }
    in->last_y = y;
    in->last_move_time = now;
    view_scroll_to(v, in->down_scroll - (y - in->down_y));
}

static int corner_at(const view *v, float x, float y, float zone)
{
    bool left = x < zone, right = x >= (float)v->width - zone;
    bool top = y < zone, bottom = y >= (float)v->height - zone;
    if (top && left)
        return 0;
    if (top && right)
        return 1;
    if (bottom && right)
        return 2;
    if (bottom && left)
        return 3;
    return -1;
}

static input_release_kind corner_press(input *in, int corner, double now)
{
    if (in->corner_step > 0 && now - in->corner_start > INPUT_CORNER_SEQUENCE_SECONDS)
        in->corner_step = 0;
    if (corner == in->corner_step) {
        if (in->corner_step == 0)
            in->corner_start = now;
        in->corner_step++;
    } else {
        in->corner_step = corner == 0 ? 1 : 0;
        in->corner_start = now;
    }
    if (in->corner_step < 4)
        return INPUT_CORNER;
    in->corner_step = 0;
    return INPUT_GESTURE;
}

input_release input_up(input *in, view *v, float x, float y, double now, float corner)
{
    input_release none = {INPUT_NONE, -1};
    if (!in->down)
        return none;
    in->down = false;
    int pressed = v->pressed;
    v->pressed = -1;
    if (in->dragging) {
        in->dragging = false;
        /* A finger that stopped before lifting does not fling. */
        if (now - in->last_move_time > 0.1)
            in->velocity = 0;
        return none;
    }
    in->velocity = 0;
    int c = corner_at(v, x, y, corner);
    if (c >= 0 && now - in->down_time >= INPUT_LONG_PRESS_SECONDS)
        return (input_release){corner_press(in, c, now), -1};
    int target = view_target_at(v, x, y);
    return (input_release){INPUT_TAP, target >= 0 && target == pressed ? target : -1};
}

void input_fling(input *in, view *v, double dt, float min_speed)
{
    if (in->dragging || in->velocity == 0)
        return;
    float before = v->scroll;
    view_scroll_to(v, v->scroll + in->velocity * (float)dt);
    in->velocity *= (float)exp(-dt / FLING_TIME_CONSTANT);
    if (fabsf(in->velocity) < min_speed || v->scroll == before)
        in->velocity = 0;
}
