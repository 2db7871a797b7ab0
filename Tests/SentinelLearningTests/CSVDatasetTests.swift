import Foundation
import SentinelLearning
import Testing

@Suite("CSV import")
struct CSVDatasetTests {
    static let options: CSVDataset.Options = {
        var o = CSVDataset.Options(labelColumn: "Label")
        o.dropColumns = ["Flow ID"]
        return o
    }()

    @Test("numeric columns become features, text columns one-hot, the label column classes")
    func basic() throws {
        let text = """
            Flow ID,Duration,Protocol,Bytes,Label
            a,1.5,tcp,100,BENIGN
            b,2,udp,2e3,DoS
            "c, quoted",0.25,tcp,300,BENIGN

            """
        let result = try CSVDataset.parse(text, path: "t.csv", options: Self.options)
        let d = result.dataset
        #expect(d.featureNames == ["Duration", "Bytes", "Protocol=tcp", "Protocol=udp"])
        #expect(d.classNames == ["BENIGN", "DoS"])
        #expect(d.labels == [0, 1, 0])
        #expect(Array(d.row(1)) == [2, 2000, 0, 1])
        #expect(result.encodings == [.init(column: "Protocol", categories: ["tcp", "udp"])])
        #expect(result.report.rowsRead == 3)
    }

    @Test("NaN, Infinity and empty cells: dropped and counted, or imputed with the column mean")
    func nonFinite() throws {
        let text = "x,y,Label\n1,NaN,a\n2,4,b\n3,Infinity,a\n4,,b\n5,8,a\n"
        var options = CSVDataset.Options(labelColumn: "Label")
        let dropped = try CSVDataset.parse(text, path: "t.csv", options: options)
        #expect(dropped.dataset.rowCount == 2)
        #expect(dropped.report.rowsDroppedNonFinite == 3)
        options.missingValues = .imputeMean
        let imputed = try CSVDataset.parse(text, path: "t.csv", options: options)
        #expect(imputed.dataset.rowCount == 5)
        #expect(imputed.report.cellsImputed == 3)
        #expect(Array(imputed.dataset.row(0)) == [1, 6])  // mean of 4 and 8
    }

    @Test("bad files are refused with the file, line and reason")
    func errors() {
        let cases: [(String, String, CSVDatasetError)] = [
            ("", "Label", .empty(path: "t.csv")),
            ("x,y\n1,2\n", "Label", .missingLabelColumn(path: "t.csv", column: "Label", available: ["x", "y"])),
            ("x,Label\n1,a\n2\n", "Label", .raggedRow(path: "t.csv", line: 3, cells: 1, expected: 2)),
            ("x,Label\n1,\"a\n", "Label", .unterminatedQuote(path: "t.csv", line: 2)),
            ("x,Label\n1,\n", "Label", .missingLabel(path: "t.csv", line: 2)),
            ("x,x,Label\n1,2,a\n", "Label", .duplicateColumn(path: "t.csv", column: "x")),
            ("Label\na\n", "Label", .noFeatureColumns(path: "t.csv")),
            ("x,Label\nNaN,a\n", "Label", .noUsableRows(path: "t.csv", dropped: 1)),
        ]
        for (text, label, expected) in cases {
            #expect(throws: expected) {
                try CSVDataset.parse(text, path: "t.csv", options: .init(labelColumn: label))
            }
        }
        #expect(
            CSVDatasetError.raggedRow(path: "t.csv", line: 3, cells: 1, expected: 2).description
                == "t.csv:3: 1 cells where the header has 2")
        var options = CSVDataset.Options(labelColumn: "Label")
        options.dropColumns = ["nope"]
        #expect(throws: CSVDatasetError.unknownDropColumn(path: "t.csv", column: "nope")) {
            try CSVDataset.parse("x,Label\n1,a\n", path: "t.csv", options: options)
        }
    }

    @Test("a file that does not exist names itself")
    func missingFile() {
        #expect(throws: CSVDatasetError.self) {
            try CSVDataset.load(path: "/nonexistent/flows.csv", options: .init(labelColumn: "Label"))
        }
        do {
            _ = try CSVDataset.load(path: "/nonexistent/flows.csv", options: .init(labelColumn: "Label"))
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/flows.csv: cannot read"))
        }
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks; CRLF line ends are fine")
    func quoting() throws {
        let text = "name,x,Label\r\n\"a, \"\"b\"\"\",1,k\r\n\"two\nlines\",2,k\r\n"
        let result = try CSVDataset.parse(text, path: "t.csv", options: .init(labelColumn: "Label"))
        #expect(result.encodings.first?.categories == ["a, \"b\"", "two\nlines"])
        #expect(result.dataset.rowCount == 2)
    }
}

@Suite("CSV import: more bad input")
struct CSVBadInputTests {
    @Test("a header without rows, and a word in a numeric column, are named")
    func headerOnlyAndWord() {
        #expect(throws: CSVDatasetError.noDataRows(path: "t.csv")) {
            try CSVDataset.parse("x,Label\n", path: "t.csv", options: .init(labelColumn: "Label"))
        }
        #expect(throws: CSVDatasetError.nonNumericCell(path: "t.csv", line: 4, column: "x", value: "fast")) {
            try CSVDataset.parse("x,Label\n1,a\n2,b\nfast,a\n3,b\n", path: "t.csv", options: .init(labelColumn: "Label"))
        }
        #expect(
            CSVDatasetError.nonNumericCell(path: "t.csv", line: 4, column: "x", value: "fast").description
                == "t.csv:4: column 'x' is numeric but this cell is 'fast' (fix the cell, or --drop-columns 'x')")
    }
}
