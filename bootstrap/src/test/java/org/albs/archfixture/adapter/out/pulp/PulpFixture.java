package org.albs.archfixture.adapter.out.pulp;

/** A "Pulp adapter" that knows nobody. */
public class PulpFixture {
    public String artifact() {
        return "artifact";
    }
}
