package dev.sockets.tcp;

import java.time.Duration;

/**
 * Passed down the pipeline as an event when a client has left a line unfinished for
 * longer than it may.
 *
 * @param timeout how long a line may stay unfinished
 */
record UnfinishedLine(Duration timeout) {
}
