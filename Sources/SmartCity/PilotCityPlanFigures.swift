extension PilotCityPlan {
    /// Whether ``households`` and ``residents`` are modelled rather than reported: true for
    /// Sejong 5-1, whose 11,400 households and 29,300 residents no public report found here gives
    /// (reports give the site area, 2.741 km², later 2.743 km²; LH's 2020 plan gives 9,730 homes).
    /// The Busan EDC figures (3,380 households, about 8,500 residents) are those of the 2018-2020
    /// reports (e.g. 한국경제 2018-02-20).
    public var householdsAndResidentsAreModelled: Bool { id == .sejong51 }

    /// Where ``centreLatitude``/``centreLongitude`` come from. Busan EDC: the point nearest the
    /// earlier estimate (35.165 N, 128.92 E, which lies ~110 m inside 대저2동) from which a circle of
    /// the plan area (2.773 km², radius ~940 m) stays inside the legal polygon of 강동동 (26440103)
    /// of the shipped data, on the 세물머리 side of the delta west of the Nakdong; a modelled
    /// centre, since no report gives coordinates.
    public var centreDerivation: String {
        switch id {
        case .sejong51: "estimate inside 합강리 (연동면), north bank of the Geum river"
        case .busanEDC: "modelled: nearest point to the estimate 35.165 N 128.92 E (in 대저2동) whose 2.773 km² circle stays inside 강동동"
        }
    }
}
