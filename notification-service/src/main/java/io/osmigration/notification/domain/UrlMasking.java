package io.osmigration.notification.domain;

/**
 * Webhook URLs carry their credential in the query ({@code access_token=…}): only scheme, host and path are ever shown.
 */
public final class UrlMasking {

    private UrlMasking() {
    }

    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int userInfo = base.indexOf('@');
        int schemeEnd = base.indexOf("://");
        if (userInfo > 0 && schemeEnd > 0 && userInfo > schemeEnd) {
            base = base.substring(0, schemeEnd + 3) + "***@" + base.substring(userInfo + 1);
        }
        return query < 0 ? base : base + "?***";
    }
}
