import GeoCore

/// The column of each key of a run of property dictionaries, found without hashing while they give
/// their keys in one order. Features read from one table carry copies of one dictionary, whose
/// keys come in the same order, so a key equal to the one the dictionary before had at its place
/// (for short keys a comparison of two strings' bits) takes the column remembered for that place;
/// any other key is looked up and remembered in its turn. Looking up every key by hash was a few
/// per cent of writing the national emd layer.
struct KeyOrderCache {
    private var keys: [String] = []
    private var columns: [Int] = []

    /// The column of `key`, the `place`-th key of its dictionary (places counted from 0 for each
    /// dictionary, one by one): the remembered one when the dictionary before had the same key
    /// there, else `lookup(key)`, remembered for the next.
    @inline(__always)
    mutating func column(of key: String, at place: Int, lookup: (String) -> Int) -> Int {
        if place < keys.count && keys[place] == key { return columns[place] }
        let column = lookup(key)
        if place < keys.count {
            keys[place] = key
            columns[place] = column
        } else {
            keys.append(key)
            columns.append(column)
        }
        return column
    }
}
