package dev.tandem.interfaces.rest;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Every request body the resources read must be a JSON value other than {@code null}: 400 otherwise. Done here
 * rather than with {@code @NotNull} on each body parameter, because Payara's OpenAPI generator fails on constraint
 * annotations of parameters that are not JAX-RS parameters (and on record components, which become such).
 */
@Provider
public class RequiredBody implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (body == null) {
            throw new InvalidRequestException("body", "a JSON request body is required");
        }
        return body;
    }
}
