package org.albs.application.port.in.release;

import org.albs.application.port.in.identity.UserSummary;
import org.albs.domain.platform.Platform;
import org.albs.domain.product.Product;
import org.albs.domain.release.Release;

/** A release with its owner, platform and product (null: none, or it is gone), as the API shows it. */
public record ReleaseView(Release release, UserSummary owner, Platform platform, Product product) {
}
