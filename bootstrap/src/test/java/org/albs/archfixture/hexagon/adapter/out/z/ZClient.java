package org.albs.archfixture.hexagon.adapter.out.z;

import org.albs.archfixture.hexagon.domain.Thing;

/** A third adapter of the clean hexagon fixture: it uses the domain and no other adapter. */
public class ZClient {
    public String publish(Thing thing) {
        return "published " + thing.name();
    }
}
