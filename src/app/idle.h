/* idle.h - the idle clock: when nobody has touched the kiosk for the
 * site's timeout, a countdown of IDLE_COUNTDOWN_SECONDS over the screen,
 * then the reset to the language picker.
 *
 * Time is passed in (seconds, monotonic): tests drive a whole idle period
 * without waiting.  The clock only says what happens; the kiosk does it. */
#ifndef SPORTELLO_IDLE_H
#define SPORTELLO_IDLE_H

#include <stdbool.h>

#define IDLE_COUNTDOWN_SECONDS 10.0

typedef struct idle_clock {
    double last_input;
    bool countdown;
    double countdown_start;
} idle_clock;

typedef enum idle_event {
    IDLE_NOTHING,
    IDLE_COUNTDOWN, /* the countdown starts: show it */
    IDLE_SECOND,    /* a second of the countdown passed: redraw it */
    IDLE_RESET,     /* the countdown ran out: reset */
    IDLE_RESTING,   /* at rest, one more idle period passed untouched */
} idle_event;

void idle_start(idle_clock *c, double now);
/* A touch, a key, a finger held down. */
void idle_touched(idle_clock *c, double now);
/* "I am still here": the countdown goes away. */
void idle_stay(idle_clock *c, double now);

/* `at_rest`: the kiosk shows the untouched language picker, where there is
 * nobody to reset (then at most one IDLE_RESTING per idle period). */
idle_event idle_tick(idle_clock *c, double now, double timeout, bool at_rest);

/* Whole seconds left in the countdown, 0..IDLE_COUNTDOWN_SECONDS. */
int idle_seconds_left(const idle_clock *c, double now);

#endif
