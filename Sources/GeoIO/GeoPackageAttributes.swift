import GeoCore

/// A change the GeoPackage writer made to fit features into a table: a renamed column, a
/// column whose values had to share one SQLite type. The layer is still written.
public struct GeoPackageWarning: Hashable, Sendable, CustomStringConvertible {
    /// The table (layer) name.
    public var table: String
    /// The column as written.
    public var column: String
    /// What was changed and why.
    public var message: String

    /// Creates a warning.
    public init(table: String, column: String, message: String) {
        self.table = table
        self.column = column
        self.message = message
    }

    /// `table t, column c: message`.
    public var description: String { "table \(table), column \(column): \(message)" }
}

extension GeoPackageColumn {
    /// The `gpkg_data_columns.mime_type` GDAL writes for JSON columns (OGR's JSON field subtype).
    public static let jsonMimeType = "application/json"

    /// True for a column declared `BOOLEAN` (GDAL's boolean field subtype): 0 and 1 read as booleans.
    public var isBoolean: Bool { declaredType.uppercased() == "BOOLEAN" }

    /// True for a column whose `gpkg_data_columns` row declares `application/json`: its text is
    /// JSON and reads back as arrays, objects and scalars.
    public var isJSON: Bool { mimeType?.lowercased() == Self.jsonMimeType }

    /// `value` as a feature property, read the way the column declares it: integers of a
    /// `BOOLEAN` column as booleans, the text of a JSON column parsed (text that is not JSON
    /// stays a string), everything else as ``GeoPackageValue/propertyValue``.
    public func propertyValue(_ value: GeoPackageValue) -> PropertyValue {
        Self.propertyValue(value, isBoolean: isBoolean, isJSON: isJSON)
    }

    /// `value` read as a column that is `isBoolean` and `isJSON` would read it: for a loop over
    /// rows, with the two flags found once per column.
    @inline(__always)
    static func propertyValue(_ value: GeoPackageValue, isBoolean: Bool, isJSON: Bool) -> PropertyValue {
        switch value {
        case .integer(let i) where isBoolean: return .bool(i != 0)
        case .text(let s) where isJSON: return JSONText.parse(s) ?? .string(s)
        default: return value.propertyValue
        }
    }
}

/// One JSON value as text: what a JSON column holds.
enum JSONText {
    /// The value of a JSON text, or nil when the text is not one JSON value.
    static func parse(_ text: String) -> PropertyValue? {
        var text = text
        return text.withUTF8 { bytes -> PropertyValue? in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
            var json = JSONCursor(base, count: bytes.count)
            do throws(GeoIOError) {
                let value = try json.propertyValue(depth: 0)
                return json.peek() == nil ? value : nil
            } catch {
                return nil
            }
        }
    }
}

/// How ``GeoPackageLayer/init(name:collection:geometryTypeName:spatialReference:)`` lays
/// features out as a table, deciding as GDAL does when it copies GeoJSON into a GeoPackage.
///
/// - One column per property key, in sorted key order. A name that repeats an earlier one
///   ignoring case, or names the `fid` or geometry column, gets the first free numeric suffix
///   (`name2`, `name3`, ...), with a warning (ogr2ogr's rule).
/// - Column types: booleans alone `BOOLEAN`; integers (with booleans as 0 and 1) `INTEGER`
///   (64-bit, exact); any double makes the column `REAL` (a warning names an integer REAL cannot
///   hold exactly); strings `TEXT`, and text mixed with numbers or booleans stays `TEXT` with the
///   numbers as their text (a warning); any array or object makes the column a JSON column:
///   `TEXT` declared `application/json` in `gpkg_data_columns`, every value stored as JSON text.
/// - Feature ids: integer ids that are all present and distinct become the `fid`; otherwise the
///   `fid` is the position from 1 and the ids go to a column named `id` (`INTEGER` when every id
///   is an integer, else `TEXT`), where GDAL's GeoJSON reader puts string ids.
struct GeoPackageTablePlan {
    var columns: [GeoPackageColumn] = []
    var features: [GeoPackageFeature] = []
    var warnings: [GeoPackageWarning] = []

    fileprivate enum Storage { case boolean, integer, real, text, json }

    /// The property keys, sorted: column `k` holds key `keys[k]`.
    private(set) var keys: [String] = []
    private var storage: [Storage?] = []
    private(set) var idsAreFids = false
    private(set) var idColumn = false
    private(set) var idsAreText = false
    private let table: String

    /// What decides a table, gathered one feature at a time: the kinds of value under each
    /// property key and what the feature ids are.
    struct Survey {
        /// The kinds of value seen under one key, and the first integer a REAL cannot hold exactly.
        struct Kinds {
            var bools = false, ints = false, doubles = false, strings = false, json = false
            var inexact: (row: Int, value: Int64)?

            /// How the column is stored, and whether it warns of mixed text or an inexact integer.
            fileprivate var signature: (storage: Storage?, mixedText: Bool, inexact: Bool) {
                if json { return (.json, false, false) }
                if strings { return (.text, bools || ints || doubles, false) }
                if doubles { return (.real, false, inexact != nil) }
                if ints { return (.integer, false, false) }
                if bools { return (.boolean, false, false) }
                return (nil, false, false)
            }

            mutating func observe(_ value: PropertyValue?, row: Int) {
                switch value {
                case .bool?: bools = true
                case .int(let i)?:
                    ints = true
                    if inexact == nil, Double(exactly: i) == nil { inexact = (row, i) }
                case .double?: doubles = true
                case .string?: strings = true
                case .array?, .object?: json = true
                case .null?, nil: break
                }
            }
        }

        var kinds: [String: Kinds] = [:]
        /// Features seen.
        var count = 0
        var intIDs: [Int64] = []
        var anyID = false
        var anyTextID = false

        init() {}

        /// True when every property seen so far has a value that fixes its column's type (a
        /// column null so far could still take a type no row has shown).
        var everyColumnTyped: Bool { kinds.values.allSatisfy { $0.signature.storage != nil } }

        /// Observes the feature a GeoPackage row reads as (id its fid, a property per column).
        mutating func observe(_ r: GeoPackageFeature, columns: RowColumns) {
            for (i, value) in r.values.enumerated() where i < columns.names.count {
                kinds[columns.names[i], default: Kinds()].observe(columns.property(value, column: i), row: count)
            }
            anyID = true
            intIDs.append(r.fid)
            count += 1
        }

        mutating func observe(_ f: Feature) {
            for (key, value) in f.properties { kinds[key, default: Kinds()].observe(value, row: count) }
            switch f.id {
            case .int(let i)?:
                anyID = true
                intIDs.append(i)
            case .string?:
                anyID = true
                anyTextID = true
            case nil: break
            }
            count += 1
        }
    }

    /// The columns of a GeoPackage layer whose rows are written as they are read (see
    /// ``GeoPackageRows``): their names and how each reads its values.
    struct RowColumns {
        var names: [String]
        /// Columns whose values read as something else than themselves (BOOLEAN, JSON).
        var readAs: [(isBoolean: Bool, isJSON: Bool)?]

        init(_ columns: [GeoPackageColumn]) {
            names = columns.map(\.name)
            readAs = columns.map { $0.isBoolean || $0.isJSON ? ($0.isBoolean, $0.isJSON) : nil }
        }

        /// Value `i` of a row as the feature read from the row holds it.
        func property(_ value: GeoPackageValue, column i: Int) -> PropertyValue {
            guard let flags = readAs[i] else { return value.propertyValue }
            return GeoPackageColumn.propertyValue(value, isBoolean: flags.isBoolean, isJSON: flags.isJSON)
        }
    }

    init(table: String, geometryColumn: String, collection: FeatureCollection) throws(GeoPackageError) {
        var survey = Survey()
        for f in collection.features { survey.observe(f) }
        self.init(table: table, geometryColumn: geometryColumn, survey: survey)
        features.reserveCapacity(collection.features.count)
        for (row, f) in collection.features.enumerated() { features.append(try self.row(f, at: row)) }
    }

    /// The table of the features `survey` saw (its ``features`` left empty: see ``row(_:at:)``).
    init(table: String, geometryColumn: String, survey: Survey) {
        self.table = table
        keys = survey.kinds.keys.sorted()
        var taken: Set<String> = ["fid", geometryColumn.lowercased()]
        var names: [String] = []
        for key in keys {
            let name = Self.freeName(key, taken: taken)
            taken.insert(name.lowercased())
            names.append(name)
            if name != key {
                warnings.append(GeoPackageWarning(table: table, column: name,
                                                  message: "property '\(key)' renamed '\(name)': \(Self.clash(key, geometryColumn))"))
            }
        }
        for (k, key) in keys.enumerated() {
            let kinds = survey.kinds[key] ?? Survey.Kinds()
            let (s, mixedText, _) = kinds.signature
            if mixedText {
                warnings.append(GeoPackageWarning(table: table, column: names[k],
                                                  message: "text mixed with numbers or booleans: stored as TEXT, numbers as their text"))
            }
            if s == .real, let inexact = kinds.inexact {
                warnings.append(GeoPackageWarning(table: table, column: names[k],
                                                  message: "integer \(inexact.value) of row \(inexact.row) mixed with decimals: REAL cannot hold it exactly"))
            }
            storage.append(s)
            columns.append(GeoPackageColumn(name: names[k], declaredType: Self.declaredType(s),
                                            mimeType: s == .json ? GeoPackageColumn.jsonMimeType : nil))
        }

        idsAreFids = survey.intIDs.count == survey.count && Set(survey.intIDs).count == survey.intIDs.count
        idColumn = !idsAreFids && survey.anyID
        idsAreText = survey.anyTextID
        if idColumn {
            let name = Self.freeName("id", taken: taken)
            columns.append(GeoPackageColumn(name: name, declaredType: idsAreText ? "TEXT" : "INTEGER"))
            if name != "id" {
                warnings.append(GeoPackageWarning(table: table, column: name,
                                                  message: "feature ids stored as '\(name)': a property already takes the name 'id'"))
            }
        }
    }

    /// The row of `f`, the `row`-th feature (from 0) of the layer.
    func row(_ f: Feature, at row: Int) throws(GeoPackageError) -> GeoPackageFeature {
        try self.row(f, at: row) { f.properties[keys[$0]] }
    }

    /// The row of `f` with `value(k)` the value of property column `k` (nil when `f` lacks it).
    fileprivate func row(_ f: Feature, at row: Int, value: (Int) -> PropertyValue?) throws(GeoPackageError) -> GeoPackageFeature {
        var values: [GeoPackageValue] = []
        values.reserveCapacity(columns.count)
        for k in keys.indices {
            values.append(try Self.stored(value(k), storage[k], table: table, row: row, column: columns[k].name))
        }
        if idColumn {
            switch f.id {
            case .int(let i)?: values.append(idsAreText ? .text(String(i)) : .integer(i))
            case .string(let s)?: values.append(.text(s))
            case nil: values.append(.null)
            }
        }
        var fid = Int64(row + 1)
        if idsAreFids, case .int(let i)? = f.id { fid = i }
        return GeoPackageFeature(fid: fid, geometry: f.geometry, values: values)
    }

    /// The row of the feature the GeoPackage row `r` reads as, the `row`-th of the layer, with
    /// plan column `k` taking value `source[k]` of `r` (-1: none): the row ``row(_:at:)`` gives
    /// that feature. A value stored as it is read (an integer in an INTEGER column, a real in a
    /// REAL one, text in a TEXT one) is taken as it is; every other goes through its property.
    fileprivate func row(_ r: GeoPackageFeature, columns: RowColumns, source: [Int], at row: Int) throws(GeoPackageError) -> GeoPackageFeature {
        var values: [GeoPackageValue] = []
        values.reserveCapacity(self.columns.count)
        for k in keys.indices {
            let i = source[k]
            guard i >= 0, i < r.values.count else {
                values.append(.null)
                continue
            }
            let v = r.values[i]
            if columns.readAs[i] == nil {
                switch (storage[k], v) {
                case (.integer?, .integer), (.real?, .real), (.text?, .text):
                    values.append(v)
                    continue
                default: break
                }
            }
            values.append(try Self.stored(columns.property(v, column: i), storage[k], table: table, row: row, column: self.columns[k].name))
        }
        if idColumn { values.append(idsAreText ? .text(String(r.fid)) : .integer(r.fid)) }
        return GeoPackageFeature(fid: idsAreFids ? r.fid : Int64(row + 1), geometry: r.geometry, values: values)
    }

    /// The plan of the features `survey` saw, kept while later features leave it as it is: what a
    /// streamed write checks each feature after the first ones against.
    struct Admission {
        private(set) var plan: GeoPackageTablePlan
        private var count: Int
        /// The column of each property key (found through the key order of the feature before,
        /// see ``KeyOrderCache``), what each column has held so far, and the feature's values by
        /// column (reused): a feature's keys are matched to columns once, for its admission and
        /// its row.
        private var index: [String: Int]
        private var keyOrder = KeyOrderCache()
        private var columnKinds: [Survey.Kinds]
        private var byColumn: [PropertyValue?]
        private var largestID: Int64
        /// For GeoPackage rows: the plan column of each of their columns, and the column of
        /// theirs each plan column takes (found at the first row).
        private var rowSource: [Int] = []
        private var planSource: [Int] = []

        /// Nil when later features could change the feature ids' plan without the survey noticing
        /// (distinct integer ids that are not increasing: telling needs every id seen).
        init?(table: String, geometryColumn: String, survey: Survey) {
            plan = GeoPackageTablePlan(table: table, geometryColumn: geometryColumn, survey: survey)
            if plan.idsAreFids, !zip(survey.intIDs, survey.intIDs.dropFirst()).allSatisfy({ $0 < $1 }) { return nil }
            count = survey.count
            largestID = plan.idsAreFids ? survey.intIDs.last ?? .min : .min
            index = Dictionary(uniqueKeysWithValues: plan.keys.enumerated().map { ($1, $0) })
            columnKinds = plan.keys.map { survey.kinds[$0] ?? Survey.Kinds() }
            byColumn = Array(repeating: nil, count: plan.keys.count)
        }

        /// The row of `f`, the next feature and the `row`-th of the layer, when it leaves the
        /// table as planned (and is taken into account); nil when it does not.
        mutating func admittedRow(_ f: Feature, at row: Int) throws(GeoPackageError) -> GeoPackageFeature? {
            guard admit(f) else { return nil }
            // The values taken out first: a closure reading `self` would have the plan copied.
            let values = byColumn
            return try plan.row(f, at: row) { values[$0] }
        }

        /// The row of the feature the GeoPackage row `r` reads as (see ``RowColumns``), the next
        /// feature and the `row`-th of the layer, when it leaves the table as planned (and is
        /// taken into account); nil when it does not. What ``admittedRow(_:at:)`` gives that
        /// feature, without making its properties.
        mutating func admittedRow(_ r: GeoPackageFeature, columns: RowColumns, at row: Int) throws(GeoPackageError) -> GeoPackageFeature? {
            place(columns)
            guard admitID(.int(r.fid)), r.values.count == rowSource.count else { return nil }
            let seen = count - 1
            for (i, value) in r.values.enumerated() {
                let k = rowSource[i]
                guard k >= 0 else { return nil }
                var kinds = columnKinds[k]
                let before = kinds.signature
                kinds.observe(columns.property(value, column: i), row: seen)
                guard Self.keeps(before, kinds.signature) else { return nil }
                columnKinds[k] = kinds
            }
            return try plan.row(r, columns: columns, source: planSource, at: row)
        }

        /// The row of a GeoPackage row the plan's survey saw (see ``admittedRow(_:columns:at:)``).
        mutating func surveyedRow(_ r: GeoPackageFeature, columns: RowColumns, at row: Int) throws(GeoPackageError) -> GeoPackageFeature {
            place(columns)
            return try plan.row(r, columns: columns, source: planSource, at: row)
        }

        /// Finds, once, each row column's place in the plan and the reverse: a column absent
        /// from the plan (which the rows would change) then fails the row that has it.
        private mutating func place(_ columns: RowColumns) {
            guard rowSource.count != columns.names.count else { return }
            rowSource = columns.names.map { index[$0] ?? -1 }
            planSource = Array(repeating: -1, count: plan.keys.count)
            for (i, k) in rowSource.enumerated() where k >= 0 { planSource[k] = i }
        }

        /// Whether a column whose kinds went from `before` to `after` keeps its storage and warnings.
        private static func keeps(_ before: (storage: Storage?, mixedText: Bool, inexact: Bool),
                                  _ after: (storage: Storage?, mixedText: Bool, inexact: Bool)) -> Bool {
            // A column null so far takes text as it is: both are TEXT, strings stored alike.
            let nullToText = before.storage == nil && after.storage == .text && !after.mixedText
            return nullToText || (after.storage == before.storage && after.mixedText == before.mixedText && after.inexact == before.inexact)
        }

        /// True when the next feature's id leaves the ids as planned (counting the feature).
        private mutating func admitID(_ id: FeatureID?) -> Bool {
            count += 1
            switch id {
            case .int(let i)?:
                if plan.idsAreFids {
                    guard i > largestID else { return false }
                    largestID = i
                } else if !plan.idColumn {
                    return false  // the first features had no ids
                }
            case .string?:
                guard plan.idColumn, plan.idsAreText else { return false }
            case nil:
                guard !plan.idsAreFids else { return false }
            }
            return true
        }

        /// True when `f`, the next feature, leaves the table as planned (and takes it into
        /// account); its values are then in `byColumn`.
        private mutating func admit(_ f: Feature) -> Bool {
            let row = count
            guard admitID(f.id) else { return false }
            for k in byColumn.indices { byColumn[k] = nil }
            var place = 0
            for (key, value) in f.properties {
                let k = keyOrder.column(of: key, at: place) { index[$0] ?? -1 }
                place += 1
                guard k >= 0 else { return false }
                byColumn[k] = value
                var kinds = columnKinds[k]
                let before = kinds.signature
                kinds.observe(value, row: row)
                guard Self.keeps(before, kinds.signature) else { return false }
                columnKinds[k] = kinds
            }
            return true
        }
    }

    /// `name`, or `name2`, `name3`, ... : the first not in `taken` (compared lower-cased).
    static func freeName(_ name: String, taken: Set<String>) -> String {
        if !taken.contains(name.lowercased()) { return name }
        var n = 2
        while taken.contains("\(name)\(n)".lowercased()) { n += 1 }
        return "\(name)\(n)"
    }

    private static func clash(_ key: String, _ geometryColumn: String) -> String {
        switch key.lowercased() {
        case "fid": "the name of the feature id column"
        case geometryColumn.lowercased(): "the name of the geometry column"
        default: "another property has the same name ignoring case"
        }
    }

    fileprivate static func declaredType(_ s: Storage?) -> String {
        switch s {
        case .boolean: "BOOLEAN"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text, .json, nil: "TEXT"
        }
    }

    fileprivate static func stored(_ v: PropertyValue?, _ s: Storage?, table: String, row: Int, column: String)
        throws(GeoPackageError) -> GeoPackageValue {
        guard let v, v != .null else { return .null }
        switch (s, v) {
        case (.json, _):
            do { return .text(try GeoJSON.encode(v)) } catch {
                throw .unsupportedValue(table: table, row: row, column: column, kind: "non-finite number")
            }
        case (_, .bool(let b)):
            return s == .text ? .text(b ? "true" : "false") : .integer(b ? 1 : 0)
        case (_, .int(let i)):
            switch s {
            case .real: return .real(Double(i))
            case .text: return .text(String(i))
            default: return .integer(i)
            }
        case (_, .double(let d)):
            return s == .text ? .text(String(d)) : .real(d)
        case (_, .string(let t)):
            return .text(t)
        default:
            return .null
        }
    }
}
