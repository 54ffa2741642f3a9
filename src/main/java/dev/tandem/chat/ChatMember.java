package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;

/** A member of a chat and the highest event number it marked seen ({@code -1}: none). */
public record ChatMember(DomainUserId user, long maxSeen) {}
