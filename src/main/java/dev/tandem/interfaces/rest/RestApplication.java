package dev.tandem.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * Mounts the REST resources of this package under {@code /api/rest}. The OpenAPI document ({@code /openapi}) is
 * generated from these resources by the runtime.
 */
@ApplicationPath("/api/rest")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Tandem admin API",
                        version = "1",
                        description = "Convergence-compatible admin REST API. Every answer is an envelope: "
                                + "{\"ok\":true,\"body\":...} or {\"ok\":false,\"body\":{\"error_code\",\"error_message\","
                                + "\"error_details\"}}. Authorization: 'SessionToken <token>' (POST /auth/login), "
                                + "'BearerToken <token>', 'UserApiKey <key>' or 'Bearer <SSO JWT>'.",
                        license = @License(name = "Apache-2.0")),
        security = {
            @SecurityRequirement(name = "SessionToken"),
            @SecurityRequirement(name = "BearerToken"),
            @SecurityRequirement(name = "UserApiKey"),
            @SecurityRequirement(name = "SsoJwt")
        })
@SecuritySchemes({
    @SecurityScheme(
            securitySchemeName = "SessionToken",
            type = SecuritySchemeType.APIKEY,
            in = SecuritySchemeIn.HEADER,
            apiKeyName = "Authorization",
            description = "'SessionToken <token>' from POST /auth/login"),
    @SecurityScheme(
            securitySchemeName = "BearerToken",
            type = SecuritySchemeType.APIKEY,
            in = SecuritySchemeIn.HEADER,
            apiKeyName = "Authorization",
            description = "'BearerToken <token>' from POST /auth/bearerToken or PUT /user/bearerToken"),
    @SecurityScheme(
            securitySchemeName = "UserApiKey",
            type = SecuritySchemeType.APIKEY,
            in = SecuritySchemeIn.HEADER,
            apiKeyName = "Authorization",
            description = "'UserApiKey <key>' from POST /user/apiKeys"),
    @SecurityScheme(
            securitySchemeName = "SsoJwt",
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            bearerFormat = "JWT",
            description = "a JWT from the configured single sign-on issuer")
})
public class RestApplication extends Application {}
