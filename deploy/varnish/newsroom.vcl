vcl 4.1;

# Varnish 7.1 (Debian's `varnish`) in front of the newsroom's app instances, with `xkey` from
# Debian's `varnish-modules`. docs/deploying.md says how to list several instances and purgers.
#
# What it does:
# - Reader pages, feeds, sitemaps, pictures and fonts are cached, for everyone alike: the app sends
#   the same reader answer to a signed-in member and to a reader (lib/http/route-kinds.mjs), so the
#   cookies of those requests are dropped and a Set-Cookie answer is never kept.
# - Each reader answer carries the `Surrogate-Key` names of what it shows (article-<id>, home,
#   section-<slug>, tag-<slug>, author-<id>, feeds, search). A publish, unpublish, correction or
#   embargo makes the app send `PURGE` with `xkey-softpurge: <names>` (lib/reader/cdn-purge.ts,
#   from a queue written in the change's own transaction): the objects become stale, not gone, so a
#   hot page under load goes to the origin once while the others are served the old copy for the
#   instant that takes (grace).
# - Everything else (the newsroom, server actions, sign-in, uploads, comments, counters, the API,
#   writing together's WebSocket) passes through uncached.

import std;
import directors;
import xkey;

# The app instances. Add one `backend` per instance and list it in vcl_init.
backend app1 {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/api/health";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

sub vcl_init {
    new instances = directors.round_robin();
    instances.add_backend(app1);
}

# Who may purge: the app instances' own machines (loopback here).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = instances.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-softpurge) {
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
        } else if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        } else {
            return (synth(400, "No keys"));
        }
        return (synth(200, "Purged " + req.http.x-purged));
    }

    # Writing together's WebSocket goes straight through.
    if (req.http.upgrade ~ "(?i)websocket") {
        return (pipe);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A server action is a POST; a GET with this header asks for RSC data: never cached.
    if (req.http.next-action || req.http.rsc || req.http.next-router-prefetch) {
        return (pass);
    }
    # The reader's addresses (the reader rows of lib/http/route-kinds.mjs).
    if (req.url ~ "^/(\?|$)"
        || req.url ~ "^/(page|news|section|tag|author)(/|\?|$)"
        || req.url ~ "^/search(\?|$)"
        || req.url ~ "^/(feed|atom|sitemap|news-sitemap)\.xml(\?|$)"
        || req.url ~ "^/robots\.txt$"
        || req.url ~ "^/(media|fonts)/"
        || req.url ~ "^/(icon\.svg|favicon\.ico)$") {
        unset req.http.cookie;
        unset req.http.authorization;
        return (hash);
    }
    # Counts and approved comments are the same for every signed-out reader; a member's differ.
    if (req.url ~ "^/api/articles/[0-9]+/engagement(\?|$)") {
        if (req.http.cookie ~ "next-auth\.session-token") {
            return (pass);
        }
        unset req.http.cookie;
        return (hash);
    }
    return (pass);
}

sub vcl_pipe {
    if (req.http.upgrade) {
        set bereq.http.upgrade = req.http.upgrade;
        set bereq.http.connection = req.http.connection;
    }
}

sub vcl_backend_response {
    # An instance that died mid-answer: try another one before any reader sees a 5xx.
    if (beresp.status >= 500 && bereq.retries < 2 && bereq.method == "GET") {
        return (retry);
    }
    if (beresp.http.set-cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.http.surrogate-key) {
        # xkey indexes the object by these names.
        set beresp.http.xkey = beresp.http.surrogate-key;
        # Purges are durable (the app resends until this Varnish answers), so a reader page may be
        # kept until the next change purges it; a day bounds what a lost purge could cost.
        set beresp.ttl = 1d;
    }
    # Served stale while one fetch refreshes it, and while every instance is down.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_backend_error {
    # Connection refused or timed out: the next instance in the director.
    if (bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_deliver {
    # What a browser sees: its own Cache-Control, not the names or the cache's bookkeeping.
    unset resp.http.xkey;
    unset resp.http.surrogate-key;
    if (obj.hits > 0) {
        set resp.http.x-cache = "hit";
    } else {
        set resp.http.x-cache = "miss";
    }
}
