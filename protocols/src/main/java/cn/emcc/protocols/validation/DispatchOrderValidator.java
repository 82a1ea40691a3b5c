package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.OrderAction;

import java.time.Instant;

/**
 * Rules for a dispatch order: the ids that tie it to an incident and a unit,
 * where to go (needed to RESPOND or STAGE, optional to STANDBY or RELEASE),
 * and an acknowledgement deadline after the order was issued.
 */
final class DispatchOrderValidator implements PayloadValidator<DispatchOrder> {

    private final Checks checks;

    DispatchOrderValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(DispatchOrder o, String path, Violations v) {
        ValidationLimits limits = checks.limits();
        checks.text().id(v, Violations.path(path, "order_id"), o.getOrderId(), limits.maxIdChars());
        checks.text().id(v, Violations.path(path, "incident_id"), o.getIncidentId(), limits.maxIdChars());
        checks.text().id(v, Violations.path(path, "unit_id"), o.getUnitId(), limits.maxIdChars());
        checks.enums().required(v, Violations.path(path, "agency"), o.getAgencyValue(), Agency.getDescriptor());
        boolean actionKnown = checks.enums().required(v, Violations.path(path, "action"), o.getActionValue(),
                OrderAction.getDescriptor());
        boolean goesSomewhere = actionKnown && (o.getAction() == OrderAction.ORDER_ACTION_RESPOND
                || o.getAction() == OrderAction.ORDER_ACTION_STAGE);
        checks.geo().location(v, Violations.path(path, "location"), o.hasLocation(), o.getLocation(), goesSomewhere);
        checks.enums().required(v, Violations.path(path, "category"), o.getCategoryValue(),
                IncidentCategory.getDescriptor());
        checks.enums().required(v, Violations.path(path, "grade"), o.getGradeValue(), Grade.getDescriptor());
        checks.text().text(v, Violations.path(path, "instructions"), o.getInstructions(), limits.maxLongTextChars());
        String issuedPath = Violations.path(path, "issued_at");
        Instant issued = checks.time().observed(v, issuedPath, o.hasIssuedAt(), o.getIssuedAt(), true);
        String byPath = Violations.path(path, "acknowledge_by");
        Instant by = checks.time().scheduled(v, byPath, o.hasAcknowledgeBy(), o.getAcknowledgeBy(), true);
        checks.time().after(v, byPath, by, issuedPath, issued);
        checks.text().adcode(v, Violations.path(path, "issuing_node"), o.getIssuingNode(), true);
    }
}
