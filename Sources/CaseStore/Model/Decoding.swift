extension KeyedDecodingContainer {
    /// Decodes a list that the records format lets a writer leave out; absent means empty.
    func decodeList<Element: Decodable>(_ key: Key) throws -> [Element] {
        try decodeIfPresent([Element].self, forKey: key) ?? []
    }

    /// Decodes a flag that the records format lets a writer leave out.
    func decodeFlag(_ key: Key, default value: Bool) throws -> Bool {
        try decodeIfPresent(Bool.self, forKey: key) ?? value
    }
}

extension CaseRecord {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            urn: try c.decode(String.self, forKey: .urn),
            title: try c.decode(String.self, forKey: .title),
            summary: try c.decode(String.self, forKey: .summary),
            markers: try c.decodeList(.markers), people: try c.decodeList(.people),
            offences: try c.decodeList(.offences), custody: try c.decodeList(.custody),
            witnesses: try c.decodeList(.witnesses), statements: try c.decodeList(.statements),
            exhibits: try c.decodeList(.exhibits), interviews: try c.decodeList(.interviews),
            unused: try c.decodeList(.unused), media: try c.decodeList(.media))
    }
}

extension Person {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), roles: try c.decodeList(.roles),
            name: try c.decode(PersonName.self, forKey: .name), aliases: try c.decodeList(.aliases),
            isOrganisation: try c.decodeFlag(.isOrganisation, default: false),
            dateOfBirth: try c.decodeIfPresent(String.self, forKey: .dateOfBirth),
            gender: try c.decodeIfPresent(String.self, forKey: .gender),
            address: try c.decodeIfPresent(String.self, forKey: .address),
            phone: try c.decodeIfPresent(String.self, forKey: .phone),
            email: try c.decodeIfPresent(String.self, forKey: .email),
            occupation: try c.decodeIfPresent(String.self, forKey: .occupation),
            rank: try c.decodeIfPresent(String.self, forKey: .rank),
            collarNumber: try c.decodeIfPresent(String.self, forKey: .collarNumber))
    }
}

extension PersonName {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            title: try c.decodeIfPresent(String.self, forKey: .title),
            given: try c.decodeList(.given), family: try c.decode(String.self, forKey: .family))
    }
}

extension Offence {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            defendant: try c.decode(String.self, forKey: .defendant),
            cjsCode: try c.decode(String.self, forKey: .cjsCode),
            title: try c.decode(String.self, forKey: .title),
            wording: try c.decode(String.self, forKey: .wording),
            from: try c.decode(String.self, forKey: .from),
            to: try c.decodeIfPresent(String.self, forKey: .to),
            modeOfTrial: try c.decode(ModeOfTrial.self, forKey: .modeOfTrial),
            anticipatedPlea: try c.decode(AnticipatedPlea.self, forKey: .anticipatedPlea),
            chargeDate: try c.decodeIfPresent(String.self, forKey: .chargeDate),
            policeMayCharge: try c.decodeFlag(.policeMayCharge, default: true),
            victims: try c.decodeList(.victims),
            committedOnBail: try c.decodeFlag(.committedOnBail, default: false),
            pointsToProve: try c.decodeList(.pointsToProve))
    }
}

extension CustodyRecord {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            defendant: try c.decode(String.self, forKey: .defendant),
            status: try c.decode(CustodyStatus.self, forKey: .status),
            since: try c.decode(String.self, forKey: .since),
            remandSought: try c.decodeFlag(.remandSought, default: false),
            bailConditions: try c.decodeList(.bailConditions),
            firstHearing: try c.decodeIfPresent(String.self, forKey: .firstHearing),
            court: try c.decodeIfPresent(String.self, forKey: .court),
            breachOfBail: try c.decodeIfPresent(String.self, forKey: .breachOfBail))
    }
}

extension Witness {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            person: try c.decode(String.self, forKey: .person),
            kind: try c.decode(WitnessKind.self, forKey: .kind),
            key: try c.decodeFlag(.key, default: false),
            specialMeasures: try c.decodeList(.specialMeasures),
            datesToAvoid: try c.decodeList(.datesToAvoid),
            interpreter: try c.decodeIfPresent(String.self, forKey: .interpreter))
    }
}

extension Statement {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            witness: try c.decode(String.self, forKey: .witness),
            date: try c.decode(String.self, forKey: .date),
            text: try c.decodeIfPresent(String.self, forKey: .text),
            media: try c.decodeIfPresent(String.self, forKey: .media),
            exhibits: try c.decodeList(.exhibits))
    }
}

extension Exhibit {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            reference: try c.decode(String.self, forKey: .reference),
            description: try c.decode(String.self, forKey: .description),
            producedBy: try c.decode(String.self, forKey: .producedBy),
            seizedAt: try c.decodeIfPresent(String.self, forKey: .seizedAt),
            seizedFrom: try c.decodeIfPresent(String.self, forKey: .seizedFrom),
            continuity: try c.decodeList(.continuity), media: try c.decodeList(.media))
    }
}

extension Interview {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            interviewee: try c.decode(String.self, forKey: .interviewee),
            type: try c.decode(InterviewType.self, forKey: .type),
            date: try c.decode(String.self, forKey: .date),
            summary: try c.decodeIfPresent(String.self, forKey: .summary),
            media: try c.decodeList(.media))
    }
}
