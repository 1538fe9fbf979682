package org.albs.archfixture.adapter.in.rest;

import org.albs.archfixture.adapter.out.persistence.PersistenceFixture;

/** A deliberately broken "REST adapter" that reaches into the persistence adapter. */
public class RestFixture {
    public String load(PersistenceFixture persistence) {
        return persistence.row();
    }
}
