package org.albs.adapter.in.rest.product;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.platform.PlatformDto;
import org.albs.adapter.in.rest.platform.RepositoryDto;
import org.albs.application.port.in.identity.UserSummary;
import org.albs.application.port.in.product.ProductView;
import org.albs.domain.product.Product;

/**
 * Upstream's Product schema: {@code builds} as {@code [{id}]}, its repositories and whole platforms, the owner as
 * the users list shows users, its team ({@code {id, name}}, null for a product made by the distribution API).
 */
@RegisterForReflection
public record ProductDto(long id, String name, String title, String description, List<BuildRef> builds,
                         List<RepositoryDto> repositories, List<PlatformDto> platforms, UserSummary owner,
                         TeamRef team, boolean isCommunity) {
    @RegisterForReflection
    public record BuildRef(long id) {
    }

    @RegisterForReflection
    public record TeamRef(long id, String name) {
    }

    static ProductDto of(ProductView v) {
        Product p = v.product();
        return new ProductDto(p.id(), p.name(), p.title(), p.description(),
                v.builds().stream().map(BuildRef::new).toList(),
                v.repositories().stream().map(RepositoryDto::of).toList(),
                v.platforms().stream().map(PlatformDto::of).toList(), v.owner(),
                v.team() == null ? null : new TeamRef(v.team().id(), v.team().name()), p.community());
    }
}
