package org.albs.archfixture.bootstrap;

/** A "composition root" fixture: others must not depend on it. */
public class FixtureWiring {
    public static final String NAME = "wiring";
}
