/**
 * Client generations: the published {@code @convergence/convergence} clients embed different versions of the wire
 * schema (compat/generations/README.md). The server speaks one internally, G7 (clients rc.11 and rc.12, schema
 * convergence-proto 1.0.0-rc.7); this package recognises an older client from its first frame
 * ({@link dev.tandem.interfaces.realtime.generation.ClientGeneration}) and gives its connection a
 * {@link dev.tandem.interfaces.realtime.generation.FrameCodec} that translates every frame at the edge, so that no
 * handler, and nothing below the realtime interface, knows which generation it serves.
 *
 * <p>Served today, one step per generation: G1 (client rc.4, schema 1.0.0-rc.1) to G2 by
 * {@link dev.tandem.interfaces.realtime.generation.G1Codec}; G2 (client rc.5, a schema never published) to G3 by
 * {@link dev.tandem.interfaces.realtime.generation.G2Codec}, on the raw fields of the one message that differs; G3
 * (client rc.6, schema 1.0.0-rc.3) to G4 by
 * {@link dev.tandem.interfaces.realtime.generation.G3Codec}, which writes a chat message's sender as the session the
 * edge passes along ({@link dev.tandem.interfaces.realtime.generation.FrameCodec#encode(byte[], String)}); G4 (client
 * rc.7, schema 1.0.0-rc.4) to G5 by
 * {@link dev.tandem.interfaces.realtime.generation.G4Codec}; G5 (client rc.8, schema 1.0.0-rc.5) to G6 by
 * {@link dev.tandem.interfaces.realtime.generation.G5Codec} (with
 * {@link dev.tandem.interfaces.realtime.generation.G5Permissions}), which keeps state per connection; G6 (client rc.9,
 * schema 1.0.0-rc.6) to G7 by {@link dev.tandem.interfaces.realtime.generation.G6Codec}. A client of an unknown version that opens with
 * the old handshake gets a refusal ({@link dev.tandem.interfaces.realtime.generation.UnservedCodec}). Each codec compares its
 * two generated schemas ({@link dev.tandem.interfaces.realtime.generation.WireShapes}) when its class loads, and the
 * unit tests load it: a message whose shape differs and that no table translates fails the build instead of reaching
 * a client wrongly.
 *
 * <p>Dependencies: the generated protobuf classes of the generations only; {@code connection} and {@code dispatch}
 * import this package, never the reverse.
 */
package dev.tandem.interfaces.realtime.generation;
