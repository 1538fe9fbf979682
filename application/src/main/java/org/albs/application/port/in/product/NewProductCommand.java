package org.albs.application.port.in.product;

import java.util.ArrayList;
import java.util.List;

import org.albs.domain.Problems;
import org.albs.domain.product.Product;

/**
 * Upstream's ProductCreate: the name (part of repository names and of its team's name {@code {name}_team}), the
 * owner, the title, an optional description, the platforms (none is allowed) and whether it is a community product
 * (the default). Validated on construction, every problem at once; whether the owner and platforms exist is the use
 * case's to check.
 */
public record NewProductCommand(String name, Long ownerId, String title, String description,
                                List<PlatformRef> platforms, boolean community) {
    /** {@code {name}_team} must be a team name (at most 80 characters). */
    public static final int MAX_NAME = 75;

    public NewProductCommand {
        Problems p = new Problems();
        if (name == null) {
            p.add("Field required", "missing", "name");
        } else if (!Product.NAME.matcher(name).matches() || name.length() > MAX_NAME) {
            p.add("A product name is 1 to " + MAX_NAME + " letters, digits and . _ + -, a letter or digit first",
                    "value_error", "name");
        }
        if (ownerId == null) {
            p.add("Field required", "missing", "owner_id");
        }
        if (title == null) {
            p.add("Field required", "missing", "title");
        } else if (title.isBlank() || title.length() > 100) {
            p.add("A title is 1 to 100 characters", "value_error", "title");
        }
        List<PlatformRef> given = platforms == null ? List.of() : new ArrayList<>(platforms);
        for (int i = 0; i < given.size(); i++) {
            PlatformRef r = given.get(i);
            if (r == null || r.id() == null && (r.name() == null || r.name().isBlank())) {
                p.add("A platform needs its name or id", "value_error", "platforms", i);
            }
        }
        p.throwIfAny();
        platforms = List.copyOf(given);
    }
}
