package org.albs.archfixture.domain;

import io.quarkus.runtime.StartupEvent;
import jakarta.persistence.EntityManager;

/**
 * A deliberately broken "domain" class for ArchitectureRulesDetectViolationsTest: it knows Quarkus and JPA.
 * It has no bean-defining or entity annotation, so the Quarkus test application ignores it.
 */
public class LeakyDomainObject {
    private EntityManager entityManager;

    public boolean started(StartupEvent event) {
        return event != null && entityManager == null;
    }
}
