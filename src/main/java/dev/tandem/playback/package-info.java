/**
 * Model playback for the administrators: a model's data as it was at an earlier version, computed on the server from
 * its current data and its stored history, so that the admin console can show a model's past without a realtime
 * client in the browser.
 *
 * <p>{@link dev.tandem.playback.ModelPlayback} reads the model's current state ({@code model.ModelService}) and the
 * operations committed after the version asked for ({@code model.ModelHistory}), and undoes them, newest first, on a
 * {@code ot.tree.ModelTree} of its own; it never touches the model's live tree or its writer.
 *
 * <p>Dependencies: {@code dev.tandem.model}, {@code dev.tandem.ot} and {@code dev.tandem.common} of Tandem (and
 * Jakarta CDI). It is a package of its own rather than part of {@code model} while the model core is being
 * restructured; nothing in {@code model} depends on it.
 */
package dev.tandem.playback;
