package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Certainty;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.Urgency;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules for a CAP-shaped weather warning: the CAP codes it must carry, the
 * area it covers (checked at its vertices and circle centres, with the
 * service area's tolerance, since a warning may reach a little past the
 * border), and the order of its times.
 */
final class WeatherWarningValidator implements PayloadValidator<WeatherWarning> {

    /** A simple BCP 47 tag such as "zh-CN" or "en". */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    private final Checks checks;

    WeatherWarningValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(WeatherWarning w, String path, Violations v) {
        ValidationLimits limits = checks.limits();
        TextChecks text = checks.text();
        text.id(v, Violations.path(path, "identifier"), w.getIdentifier(), limits.maxIdChars());
        text.requiredText(v, Violations.path(path, "issuer"), w.getIssuer(), limits.maxShortTextChars());
        Instant issued = checks.time().observed(v, Violations.path(path, "issued_at"), w.hasIssuedAt(),
                w.getIssuedAt(), true);
        boolean typeKnown = checks.enums().required(v, Violations.path(path, "msg_type"), w.getMsgTypeValue(),
                WarningMsgType.getDescriptor());
        references(v, Violations.path(path, "references"), w, typeKnown);
        checks.enums().required(v, Violations.path(path, "hazard"), w.getHazardValue(), Hazard.getDescriptor());
        checks.enums().required(v, Violations.path(path, "colour"), w.getColourValue(),
                WarningColour.getDescriptor());
        checks.enums().required(v, Violations.path(path, "urgency"), w.getUrgencyValue(), Urgency.getDescriptor());
        checks.enums().required(v, Violations.path(path, "severity"), w.getSeverityValue(),
                Severity.getDescriptor());
        checks.enums().required(v, Violations.path(path, "certainty"), w.getCertaintyValue(),
                Certainty.getDescriptor());

        String onsetPath = Violations.path(path, "onset");
        String expiresPath = Violations.path(path, "expires");
        Instant onset = checks.time().scheduled(v, onsetPath, w.hasOnset(), w.getOnset(), false);
        Instant expires = checks.time().scheduled(v, expiresPath, w.hasExpires(), w.getExpires(), false);
        checks.time().after(v, expiresPath, expires, onsetPath, onset);
        if (onset == null) {
            checks.time().after(v, expiresPath, expires, Violations.path(path, "issued_at"), issued);
        }

        text.text(v, Violations.path(path, "headline"), w.getHeadline(), limits.maxShortTextChars());
        text.text(v, Violations.path(path, "description"), w.getDescription(), limits.maxLongTextChars());
        text.text(v, Violations.path(path, "instruction"), w.getInstruction(), limits.maxLongTextChars());
        areas(v, Violations.path(path, "areas"), w);
        language(v, Violations.path(path, "language"), w.getLanguage());
    }

    private void references(Violations v, String path, WeatherWarning w, boolean typeKnown) {
        int n = checks.text().listSize(v, path, w.getReferencesCount());
        for (int i = 0; i < n; i++) {
            checks.text().id(v, Violations.index(path, i), w.getReferences(i), checks.limits().maxIdChars());
        }
        boolean replaces = w.getMsgType() == WarningMsgType.WARNING_MSG_TYPE_UPDATE
                || w.getMsgType() == WarningMsgType.WARNING_MSG_TYPE_CANCEL;
        if (typeKnown && replaces && w.getReferencesCount() == 0) {
            v.add(RejectionCode.REJECTION_CODE_INCONSISTENT, path, path + " is empty but msg_type is "
                    + w.getMsgType() + "; an UPDATE or CANCEL must name the alerts it replaces");
        }
    }

    private void areas(Violations v, String path, WeatherWarning w) {
        // A CANCEL withdraws an earlier alert and may leave the area out; anything else must say where.
        if (w.getAreasCount() == 0) {
            if (w.getMsgType() != WarningMsgType.WARNING_MSG_TYPE_CANCEL) {
                v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, path,
                        path + " is empty; expected at least one area for msg_type " + w.getMsgType());
            }
            return;
        }
        int n = checks.text().listSize(v, path, w.getAreasCount());
        for (int i = 0; i < n; i++) {
            area(v, Violations.index(path, i), w.getAreas(i));
        }
    }

    private void area(Violations v, String path, WarningArea a) {
        checks.text().text(v, Violations.path(path, "description"), a.getDescription(),
                checks.limits().maxShortTextChars());
        if (a.getPolygonsCount() == 0 && a.getCirclesCount() == 0 && a.getAdcodesCount() == 0) {
            v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, path,
                    path + " has no polygons, circles or adcodes; expected at least one of them");
            return;
        }
        String polygons = Violations.path(path, "polygons");
        int np = checks.text().listSize(v, polygons, a.getPolygonsCount());
        for (int i = 0; i < np; i++) {
            checks.geo().polygon(v, Violations.index(polygons, i), a.getPolygons(i));
        }
        String circles = Violations.path(path, "circles");
        int nc = checks.text().listSize(v, circles, a.getCirclesCount());
        for (int i = 0; i < nc; i++) {
            checks.geo().circle(v, Violations.index(circles, i), a.getCircles(i));
        }
        String adcodes = Violations.path(path, "adcodes");
        List<String> codes = a.getAdcodesList();
        int na = checks.text().listSize(v, adcodes, codes.size());
        for (int i = 0; i < na; i++) {
            checks.text().adcode(v, Violations.index(adcodes, i), codes.get(i), true);
        }
    }

    private void language(Violations v, String path, String language) {
        if (!language.isEmpty() && (language.length() > 35 || !LANGUAGE.matcher(language).matches())) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_FORMAT, path,
                    path + " is " + TextChecks.quote(language) + "; expected a BCP 47 tag such as \"zh-CN\"");
        }
    }
}
