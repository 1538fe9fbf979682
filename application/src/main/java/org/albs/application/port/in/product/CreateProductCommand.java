package org.albs.application.port.in.product;

import java.util.LinkedHashSet;
import java.util.List;

import org.albs.domain.Problems;
import org.albs.domain.product.Product;

/**
 * A new product (the seed's distribution) as asked for: its name and its platforms, by name. Validated on
 * construction, every problem at once; whether the platforms exist is the use case's to check.
 */
public record CreateProductCommand(String name, List<String> platforms) {
    public CreateProductCommand {
        Problems p = new Problems();
        if (name == null) {
            p.add("Field required", "missing", "name");
        } else if (!Product.NAME.matcher(name).matches()) {
            p.add("A distribution name is 1 to 100 letters, digits and . _ + -, a letter or digit first",
                    "value_error", "name");
        }
        if (platforms == null) {
            p.add("Field required", "missing", "platforms");
        } else {
            for (int i = 0; i < platforms.size(); i++) {
                if (platforms.get(i) == null || platforms.get(i).isBlank()) {
                    p.add("A platform name is required", "value_error", "platforms", i);
                }
            }
        }
        p.throwIfAny();
        platforms = List.copyOf(new LinkedHashSet<>(platforms));
    }
}
