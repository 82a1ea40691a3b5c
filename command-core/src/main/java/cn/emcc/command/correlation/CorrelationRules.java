package cn.emcc.command.correlation;

import cn.emcc.command.incident.Categories;
import cn.emcc.protocols.v1.IncidentCategory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The correlation rules as data (see emcc/rules/correlation.conf): which
 * categories describe the same kind of event, and how near in space and time
 * two reports must be to be about one incident.
 */
public final class CorrelationRules {

    /** Categories that describe one kind of event, with its radius and window. */
    public record Group(String name, Set<IncidentCategory> primary, Set<IncidentCategory> related,
                        double radiusMetres, Duration window) {

        /** At least one side primary, the other primary or related. */
        boolean joins(IncidentCategory a, IncidentCategory b) {
            return (primary.contains(a) && (primary.contains(b) || related.contains(b)))
                    || (primary.contains(b) && related.contains(a));
        }
    }

    private final List<Group> groups;
    private final double defaultRadiusMetres;
    private final Duration defaultWindow;

    public CorrelationRules(List<Group> groups, double defaultRadiusMetres, Duration defaultWindow) {
        this.groups = List.copyOf(groups);
        this.defaultRadiusMetres = defaultRadiusMetres;
        this.defaultWindow = defaultWindow;
    }

    /** Reads {@code emcc.correlation}; a wrong entry fails start with the path that is wrong. */
    public static CorrelationRules fromConfig(Config root) {
        Config c = root.getConfig("emcc.correlation");
        List<Group> groups = new ArrayList<>();
        for (Config g : c.getConfigList("groups")) {
            groups.add(new Group(g.getString("name"), categories(g, "primary"), categories(g, "related"),
                    positive(g, "radius-m"), g.getDuration("window")));
        }
        Config d = c.getConfig("default");
        return new CorrelationRules(groups, positive(d, "radius-m"), d.getDuration("window"));
    }

    private static Set<IncidentCategory> categories(Config g, String path) {
        Set<IncidentCategory> cats = EnumSet.noneOf(IncidentCategory.class);
        for (String code : g.getStringList(path)) {
            try {
                cats.add(Categories.fromCode(code));
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(g.origin(), path, e.getMessage());
            }
        }
        return cats;
    }

    private static double positive(Config c, String path) {
        double v = c.getDouble(path);
        if (!(v > 0)) {
            throw new ConfigException.BadValue(c.origin(), path, "must be a positive number of metres, was " + v);
        }
        return v;
    }

    /**
     * Every group that joins the two categories, or the default rule when the
     * categories are equal and no group joins them; empty when they are not
     * compatible at all.
     */
    public List<Group> shared(IncidentCategory a, IncidentCategory b) {
        List<Group> result = new ArrayList<>();
        for (Group g : groups) {
            if (g.joins(a, b)) {
                result.add(g);
            }
        }
        if (result.isEmpty() && a == b) {
            result.add(new Group("same-category", EnumSet.of(a), Set.of(), defaultRadiusMetres, defaultWindow));
        }
        return result;
    }

    /** The longest window of any rule: an incident quieter than this can no longer be joined. */
    public Duration widestWindow() {
        Duration widest = defaultWindow;
        for (Group g : groups) {
            if (g.window().compareTo(widest) > 0) {
                widest = g.window();
            }
        }
        return widest;
    }

    public List<Group> groups() {
        return groups;
    }
}
