package org.albs.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness waits for the start-up tasks only as long as serving without them would be wrong: until the superuser
 * and the platforms exist ({@link StartupTasks}). The state is in the check's data either way.
 */
@Readiness
@ApplicationScoped
public class StartupTasksReadiness implements HealthCheck {
    private final StartupTasks tasks;

    public StartupTasksReadiness(StartupTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public HealthCheckResponse call() {
        StartupTasks.State state = tasks.state();
        return HealthCheckResponse.named("Start-up tasks").status(state.ready)
                .withData("state", state.description).build();
    }
}
