package org.albs.archfixture.bypass.adapter.out.y;

import org.albs.archfixture.bypass.application.things.ThingView;

/** A deliberately broken driven adapter: it uses a type of the application that is not in a port. */
public class ViewWritingStore {
    public String write(ThingView view) {
        return view.name();
    }
}
