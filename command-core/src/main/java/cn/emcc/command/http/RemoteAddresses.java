package cn.emcc.command.http;

import java.net.InetAddress;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;

/** The peer address of a request's connection (needs {@code remote-address-attribute = on}). */
public final class RemoteAddresses {

    private RemoteAddresses() {
    }

    public static String of(HttpRequest request) {
        return request.getAttribute(AttributeKeys.remoteAddress)
                .flatMap(RemoteAddress::getAddress)
                .map(InetAddress::getHostAddress)
                .orElse("unknown");
    }
}
