package org.albs.archfixture.adapter.out.persistence;

/** A "persistence adapter" that knows nobody. */
public class PersistenceFixture {
    public String row() {
        return "row";
    }
}
