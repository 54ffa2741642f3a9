package dev.tandem.interfaces.realtime.wire;

import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.interfaces.realtime.proto.core.DomainUserData;
import dev.tandem.interfaces.realtime.proto.core.DomainUserIdData;
import dev.tandem.interfaces.realtime.proto.core.DomainUserTypeData;
import java.time.Instant;

/** Conversions between Tandem's types and the wire's that several handlers need. */
public final class Wire {

    private Wire() {}

    /** A protobuf timestamp; the client rounds to milliseconds anyway. */
    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    public static DomainUserTypeData userType(UserType type) {
        return switch (type) {
            case NORMAL -> DomainUserTypeData.Normal;
            case CONVERGENCE -> DomainUserTypeData.Convergence;
            case ANONYMOUS -> DomainUserTypeData.Anonymous;
        };
    }

    public static DomainUserIdData userId(DomainUserView user) {
        return DomainUserIdData.newBuilder()
                .setUserType(userType(user.type()))
                .setUsername(user.username())
                .build();
    }

    public static DomainUserIdData userId(DomainUserId user) {
        return DomainUserIdData.newBuilder()
                .setUserType(userType(user.type()))
                .setUsername(user.username())
                .build();
    }

    /**
     * The user a client names.
     *
     * @throws ProtocolException {@code malformed_request_content} for a user type this server does not know
     */
    public static DomainUserId userId(DomainUserIdData data) {
        UserType type = switch (data.getUserType()) {
            case Normal -> UserType.NORMAL;
            case Convergence -> UserType.CONVERGENCE;
            case Anonymous -> UserType.ANONYMOUS;
            case UNRECOGNIZED ->
                throw new ProtocolException(
                        ErrorCodes.MALFORMED_REQUEST_CONTENT, "unknown user type " + data.getUserTypeValue());
        };
        return new DomainUserId(type, data.getUsername());
    }

    /** The user as the client's identity cache and session expect it; absent names stay unset. */
    public static DomainUserData user(DomainUserView user) {
        DomainUserData.Builder data = DomainUserData.newBuilder().setUserId(userId(user));
        if (user.firstName() != null) {
            data.setFirstName(StringValue.of(user.firstName()));
        }
        if (user.lastName() != null) {
            data.setLastName(StringValue.of(user.lastName()));
        }
        if (user.displayName() != null) {
            data.setDisplayName(StringValue.of(user.displayName()));
        }
        if (user.email() != null) {
            data.setEmail(StringValue.of(user.email()));
        }
        return data.build();
    }
}
