/**
 * Client generations: the published {@code @convergence/convergence} clients embed different versions of the wire
 * schema (compat/generations/README.md). The server speaks one internally, G7 (clients rc.11 and rc.12, schema
 * convergence-proto 1.0.0-rc.7); this package recognises an older client from its connection request
 * ({@link dev.tandem.interfaces.realtime.generation.ClientGeneration}) and gives its connection a
 * {@link dev.tandem.interfaces.realtime.generation.FrameCodec} that translates every frame at the edge, so that no
 * handler, and nothing below the realtime interface, knows which generation it serves.
 *
 * <p>Served today: G6 (client rc.9, schema 1.0.0-rc.6) through {@link dev.tandem.interfaces.realtime.generation.G6Codec}.
 * The codec compares the two generated schemas ({@link dev.tandem.interfaces.realtime.generation.WireShapes}) when
 * its class loads, and the unit tests load it: a message whose shape differs and that no table translates fails the
 * build instead of reaching a client wrongly.
 *
 * <p>Dependencies: the generated protobuf classes of both generations only; {@code connection} and {@code dispatch}
 * import this package, never the reverse.
 */
package dev.tandem.interfaces.realtime.generation;
