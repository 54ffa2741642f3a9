package dev.tandem.interfaces.rest.server;

import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.security.RsaKeys;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.KeyPair;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /util/keygen}: a fresh RSA key pair in PEM, for registering a domain JWT key. Nothing is stored. */
@Path("util/keygen")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "utilities")
public class KeyGenResource {

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "A new RSA key pair: {publicKey, privateKey} (PEM)")
    public Response keygen() {
        AdminPrincipal.of(security);
        KeyPair pair = RsaKeys.generate();
        return Envelope.ok(
                Map.of("publicKey", RsaKeys.toPem(pair.getPublic()), "privateKey", RsaKeys.toPem(pair.getPrivate())));
    }
}
