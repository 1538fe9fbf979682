package org.albs.archfixture.application;

import org.albs.archfixture.bootstrap.FixtureWiring;

/** A deliberately broken "application service" that reaches up into the composition root. */
public class WiringAwareService {
    public String wiring(FixtureWiring wiring) {
        return wiring.toString();
    }
}
