/** Sign-in throttle: this many failures for one email within the window lock it for the window. */
export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MINUTES = 15;
