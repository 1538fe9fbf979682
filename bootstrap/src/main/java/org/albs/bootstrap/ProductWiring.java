package org.albs.bootstrap;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.in.team.CreateTeamUseCase;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.GenKeyTasks;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Teams;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.application.product.ProductCatalogService;
import org.albs.application.team.Access;
import org.albs.application.product.ProductJob;
import org.albs.application.product.ProductService;
import org.albs.domain.artifacts.StoreJobKind;

/**
 * Products (the seed's distributions): the product service, and the three store job kinds that make a product's
 * repositories and add or remove a build's packages (registered with the store job workers).
 */
@ApplicationScoped
public class ProductWiring {
    @Produces
    @Singleton
    ProductService productService(Products products, Platforms platforms, Builds builds, StoreJobs jobs,
                                  Transactions tx, Clock clock) {
        return new ProductService(products, platforms, builds, jobs, tx, clock);
    }

    @Produces
    @Singleton
    ProductCatalogService productCatalog(Products products, Platforms platforms, Users users, Teams teams,
                                         CreateTeamUseCase createTeam, StoreJobs jobs, GenKeyTasks genKeys,
                                         Access access, Transactions tx, Clock clock) {
        return new ProductCatalogService(products, platforms, users, teams, createTeam, jobs, genKeys, access, tx,
                clock);
    }

    @Produces
    @Singleton
    StoreJobService.KindWork createProductRepositoriesJob(Products products, ArtifactStore store, Transactions tx) {
        return new ProductJob(StoreJobKind.CREATE_PRODUCT_REPOSITORIES, products, store, tx);
    }

    @Produces
    @Singleton
    StoreJobService.KindWork addToProductJob(Products products, ArtifactStore store, Transactions tx) {
        return new ProductJob(StoreJobKind.ADD_TO_PRODUCT, products, store, tx);
    }

    @Produces
    @Singleton
    StoreJobService.KindWork removeFromProductJob(Products products, ArtifactStore store, Transactions tx) {
        return new ProductJob(StoreJobKind.REMOVE_FROM_PRODUCT, products, store, tx);
    }
}
