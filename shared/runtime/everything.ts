/**
 * Every adapter at once: for hosts that run every function in one process (the local runtime and
 * the tests), never imported by a function's entry.
 */
import './table';
import './mail';
import './event-bus';
import './identity';
import './calendars';
