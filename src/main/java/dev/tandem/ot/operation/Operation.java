package dev.tandem.ot.operation;

/** An operation on a model: either one discrete operation or a compound batch of them. */
public sealed interface Operation permits DiscreteOperation, CompoundOperation {}
