package cn.emcc.protocols.validation;

/** The shared checks every payload validator draws on, built once per {@link EnvelopeValidator}. */
record Checks(ValidationLimits limits, TextChecks text, EnumChecks enums, NumberChecks numbers, GeoChecks geo,
        TimeChecks time) {

    static Checks create(ServiceArea area, ValidationLimits limits, java.time.Clock clock) {
        TextChecks text = new TextChecks(limits);
        NumberChecks numbers = new NumberChecks();
        return new Checks(limits, text, new EnumChecks(), numbers, new GeoChecks(area, limits, numbers, text),
                new TimeChecks(clock, limits));
    }
}
