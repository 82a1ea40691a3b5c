package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.RejectionCode;

/** Rules for an agency's answer to an order: a refusal must say why, so the duty officer can act on it. */
final class OrderAcknowledgementValidator implements PayloadValidator<OrderAcknowledgement> {

    private final Checks checks;

    OrderAcknowledgementValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(OrderAcknowledgement a, String path, Violations v) {
        checks.text().id(v, Violations.path(path, "order_id"), a.getOrderId(), checks.limits().maxIdChars());
        boolean known = checks.enums().required(v, Violations.path(path, "decision"), a.getDecisionValue(),
                OrderDecision.getDescriptor());
        String reasonPath = Violations.path(path, "reason");
        checks.text().text(v, reasonPath, a.getReason(), checks.limits().maxShortTextChars());
        if (known && a.getDecision() == OrderDecision.ORDER_DECISION_REJECTED && a.getReason().isBlank()) {
            v.add(RejectionCode.REJECTION_CODE_INCONSISTENT, reasonPath,
                    reasonPath + " is empty but decision is REJECTED; a refusal must give its reason");
        }
        checks.time().observed(v, Violations.path(path, "decided_at"), a.hasDecidedAt(), a.getDecidedAt(), true);
    }
}
