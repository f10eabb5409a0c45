package io.flashstation.station.api;

/**
 * The body of every refused request: one sentence saying what was wrong and how to put it right.
 *
 * @param error the sentence
 */
public record ApiError(String error) {
}
