package org.albs.archfixture.adapter.out.persistence;

import org.albs.archfixture.adapter.out.pulp.PulpFixture;

/** A deliberately broken "persistence adapter" that reaches into another driven adapter, the Pulp client. */
public class PersistenceFixture {
    private final PulpFixture pulp = new PulpFixture();

    public String row() {
        return "row of " + pulp.artifact();
    }
}
