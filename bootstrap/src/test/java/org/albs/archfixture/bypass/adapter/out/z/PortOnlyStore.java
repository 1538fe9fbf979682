package org.albs.archfixture.bypass.adapter.out.z;

import org.albs.archfixture.bypass.application.port.out.ThingStore;

/** A driven adapter that follows the rule: it knows only the out-port it implements. */
public class PortOnlyStore implements ThingStore {
    @Override
    public void save(String name) {
        // nothing to keep
    }
}
