/* idle.c - the idle clock (idle.h). */
#include "idle.h"

#include <math.h>

void idle_start(idle_clock *c, double now)
{
    c->last_input = now;
    c->countdown = false;
    c->countdown_start = now;
}

void idle_touched(idle_clock *c, double now)
{
    c->last_input = now;
}

void idle_stay(idle_clock *c, double now)
{
    c->countdown = false;
    c->last_input = now;
}

idle_event idle_tick(idle_clock *c, double now, double timeout, bool at_rest)
{
    if (at_rest && !c->countdown) {
        if (now - c->last_input < timeout)
            return IDLE_NOTHING;
        c->last_input = now;
        return IDLE_RESTING;
    }
    if (!c->countdown) {
        if (now - c->last_input < timeout)
            return IDLE_NOTHING;
        c->countdown = true;
        c->countdown_start = now;
        return IDLE_COUNTDOWN;
    }
    if (now - c->countdown_start >= IDLE_COUNTDOWN_SECONDS) {
        c->countdown = false;
        c->last_input = now;
        return IDLE_RESET;
    }
    return IDLE_SECOND; /* the kiosk redraws when the number shown changes */
}

int idle_seconds_left(const idle_clock *c, double now)
{
    int left = (int)ceil(IDLE_COUNTDOWN_SECONDS - (now - c->countdown_start));
    return left < 0 ? 0 : left > (int)IDLE_COUNTDOWN_SECONDS ? (int)IDLE_COUNTDOWN_SECONDS : left;
}
