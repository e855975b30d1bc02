/* screen_ids.h - the names the kiosk's modules share: which screen, and
 * what a tap on a target does.  No behaviour here: the session, the pages,
 * the screens and the kiosk all include it, none includes another for it. */
#ifndef SPORTELLO_SCREEN_IDS_H
#define SPORTELLO_SCREEN_IDS_H

typedef enum kiosk_screen {
    SCREEN_LANGUAGES,
    SCREEN_HOME,
    SCREEN_CATEGORY,
    SCREEN_SERVICE,
    SCREEN_QR,
    SCREEN_ARTICLE,
    SCREEN_HELP,
    SCREEN_PIN,
    SCREEN_OPERATOR,
    SCREEN_OUT_OF_SERVICE,
    SCREEN_SEARCH,
    SCREEN_COUNT
} kiosk_screen;

/* What a tap on a target does (view_item.action). */
typedef enum kiosk_action {
    ACTION_NONE,
    ACTION_LANGUAGE, /* arg: language code */
    ACTION_CATEGORY, /* arg: category id */
    ACTION_SERVICE,  /* arg: service id */
    ACTION_ARTICLE,  /* arg: article id */
    ACTION_QR,       /* arg: service id */
    ACTION_BACK,
    ACTION_HOME,
    ACTION_HELP,
    ACTION_LANGUAGES,
    ACTION_ITALIAN, /* toggle "show in Italian" */
    ACTION_SPEAK,
    ACTION_TEXT_SIZE, /* large text on and off */
    ACTION_CONTRAST,  /* high contrast on and off */
    ACTION_STAY,      /* the idle countdown: "I am still here" */
    ACTION_PIN_DIGIT, /* arg: "0".."9" */
    ACTION_PIN_DELETE,
    ACTION_PIN_OK,
    ACTION_CANCEL,            /* leave the PIN pad or the operator screen */
    ACTION_OPERATOR_TOWN,     /* arg: town */
    ACTION_OPERATOR_LANGUAGE, /* arg: code: on/off */
    ACTION_OPERATOR_IDLE_LESS,
    ACTION_OPERATOR_IDLE_MORE,
    ACTION_OPERATOR_RELOAD,
    ACTION_OPERATOR_EXPORT,
    ACTION_OPERATOR_EXIT,
    ACTION_SEARCH,       /* open the search screen (the query kept) */
    ACTION_KEY,          /* arg: the UTF-8 text the key types */
    ACTION_KEY_CHOICES,  /* arg: "ROW:KEY", a key whose characters are offered */
    ACTION_KEY_ERASE,    /* the query's last character */
    ACTION_KEY_SWITCH,   /* Latin letters and back */
    ACTION_KEY_KEYBOARD, /* the keyboard shown or hidden */
} kiosk_action;

#endif
