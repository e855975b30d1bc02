/* input.h - touch and mouse on a view: taps, drags that scroll the body,
 * the fling after a drag, and the operator's corner gesture (a long press
 * on each corner in turn: top left, top right, bottom right, bottom left).
 *
 * Positions are screen pixels; time is passed in (seconds, monotonic).
 * One finger at a time.  What a tap means is the kiosk's business: this
 * module says which target was tapped. */
#ifndef SPORTELLO_INPUT_H
#define SPORTELLO_INPUT_H

#include <stdbool.h>

#include <SDL.h>

#include "view.h"

#define INPUT_LONG_PRESS_SECONDS 1.2
#define INPUT_CORNER_SEQUENCE_SECONDS 20.0

typedef struct input {
    bool down;
    SDL_FingerID finger;
    bool finger_down;
    float down_x, down_y, last_y;
    double down_time, last_move_time;
    float down_scroll;
    bool dragging;
    float velocity; /* px/s of the body scroll */
    int corner_step;
    double corner_start;
} input;

typedef enum input_release_kind {
    INPUT_NONE,    /* a drag ended, or nothing was down */
    INPUT_TAP,     /* a tap: on `target`, or on no target (-1) */
    INPUT_CORNER,  /* a long press on a corner, part of the gesture */
    INPUT_GESTURE, /* the fourth corner: the operator asks for the PIN pad */
} input_release_kind;

typedef struct input_release {
    input_release_kind kind;
    int target; /* view item index, or -1 */
} input_release;

/* Drops any press, drag, fling and gesture in progress. */
void input_reset(input *in);
void input_down(input *in, view *v, float x, float y, double now);
/* `slop`: how far a press may move before it is a drag. */
void input_move(input *in, view *v, float x, float y, double now, float slop);
/* `corner`: the side of the corner zones of the gesture. */
input_release input_up(input *in, view *v, float x, float y, double now, float corner);
/* Moves a flung body on by `dt` seconds; the fling stops below
 * `min_speed` px/s or at either end. */
void input_fling(input *in, view *v, double dt, float min_speed);

#endif
