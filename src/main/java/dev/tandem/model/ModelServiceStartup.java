package dev.tandem.model;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Starts the model service with the application, once the schema is migrated, rather than at the first request that
 * needs it: filing what an earlier run left in the operation log ({@link OperationLog#recover()}) is then part of
 * starting the server, not of someone's first open.
 */
@Startup
@Singleton
@DependsOn("DatabaseSchema")
public class ModelServiceStartup {

    @Inject
    ModelService models;

    @PostConstruct
    void start() {
        models.operationLogCounts(); // the first call creates the service, which recovers the log
    }
}
