/**
 * Foundations shared by every capability: {@link dev.tandem.common.Refusal}, the one type of an expected refusal,
 * with its reason in domain terms. The delivery channels ({@code dev.tandem.interfaces}) turn it into wire codes and
 * HTTP statuses; nothing here knows either.
 *
 * <p>Dependencies: the JDK only; no Jakarta and no other Tandem package, so that every capability and foundation
 * can use it.
 */
package dev.tandem.common;
