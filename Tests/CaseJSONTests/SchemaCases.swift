import CaseJSON
import Testing

/// A small schema with instances it must accept and instances it must refuse.
struct SchemaCase: CustomTestStringConvertible, Sendable {
  var name: String
  var schema: String
  var valid: [String]
  var invalid: [String]
  /// The keyword each invalid instance must be reported under.
  var keyword: String
  /// Set when this project's draft-04 and Python's jsonschema deliberately disagree: Python
  /// ignores `format` unless given a format checker, treats `1.0` as not an integer, and
  /// computes `multipleOf` in floating point.
  var pythonDiffers = false
  var testDescription: String { name }
}

/// Keyword cases written for this project in the style of the JSON-Schema-Test-Suite.
let schemaCases: [SchemaCase] = [
  SchemaCase(
    name: "type string", schema: #"{"type": "string"}"#, valid: [#""x""#, #""""#],
    invalid: ["1", "null", "[]", "{}", "true"], keyword: "type"),
  SchemaCase(
    name: "type integer", schema: #"{"type": "integer"}"#, valid: ["1", "-7"],
    invalid: ["1.5", #""1""#, "true"], keyword: "type"),
  SchemaCase(
    name: "integer accepts 1.0 and 1e2 (Python's draft-04 does not)",
    schema: #"{"type": "integer"}"#,
    valid: ["1.0", "1e2"],
    invalid: [], keyword: "type", pythonDiffers: true),
  SchemaCase(
    name: "type number", schema: #"{"type": "number"}"#, valid: ["1", "1.5", "-1e-3"],
    invalid: [#""1""#, "null"], keyword: "type"),
  SchemaCase(
    name: "type list", schema: #"{"type": ["null", "boolean", "array"]}"#,
    valid: ["null", "false", "[]"],
    invalid: ["0", #""a""#, "{}"], keyword: "type"),
  SchemaCase(
    name: "enum mixed", schema: #"{"enum": [1, "a", null, [1, {"b": 2}], {"c": [true]}]}"#,
    valid: ["1", "1.0", #""a""#, "null", #"[1, {"b": 2}]"#, #"{"c": [true]}"#],
    invalid: ["2", #""b""#, "true", #"[1, {"b": 3}]"#, #"{"c": [false]}"#, "[1]"], keyword: "enum"),
  SchemaCase(
    name: "enum booleans are not numbers", schema: #"{"enum": [1, 0]}"#, valid: ["0"],
    invalid: ["true", "false"],
    keyword: "enum"),
  SchemaCase(
    name: "properties",
    schema: #"{"properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}"#,
    valid: [#"{"a": 1, "b": "x"}"#, "{}", #"{"c": []}"#, "[1]", #""not an object""#],
    invalid: [#"{"a": "x"}"#, #"{"b": 2}"#], keyword: "type"),
  SchemaCase(
    name: "required", schema: #"{"required": ["a", "b"]}"#,
    valid: [#"{"a": 1, "b": null}"#, "[]", "3"],
    invalid: [#"{"a": 1}"#, "{}"], keyword: "required"),
  SchemaCase(
    name: "additionalProperties false",
    schema:
      #"{"properties": {"a": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}"#,
    valid: [#"{"a": 1, "x-y": 2}"#, "{}"], invalid: [#"{"b": 1}"#, #"{"a": 1, "y-x": 2}"#],
    keyword: "additionalProperties"),
  SchemaCase(
    name: "additionalProperties schema",
    schema: #"{"properties": {"a": {}}, "additionalProperties": {"type": "boolean"}}"#,
    valid: [#"{"a": 1, "b": true}"#], invalid: [#"{"a": 1, "b": 1}"#], keyword: "type"),
  SchemaCase(
    name: "patternProperties unanchored",
    schema: #"{"patternProperties": {"o+": {"type": "integer"}}}"#,
    valid: [#"{"foo": 1, "bar": "x"}"#], invalid: [#"{"xoox": "x"}"#], keyword: "type"),
  SchemaCase(
    name: "minProperties and maxProperties", schema: #"{"minProperties": 1, "maxProperties": 2}"#,
    valid: [#"{"a": 1}"#, #"{"a": 1, "b": 2}"#, "[]"], invalid: ["{}"], keyword: "minProperties"),
  SchemaCase(
    name: "maxProperties", schema: #"{"maxProperties": 1}"#, valid: [#"{"a": 1}"#],
    invalid: [#"{"a": 1, "b": 2}"#], keyword: "maxProperties"),
  SchemaCase(
    name: "dependencies array", schema: #"{"dependencies": {"a": ["b", "c"]}}"#,
    valid: [#"{"a": 1, "b": 1, "c": 1}"#, #"{"b": 1}"#, "{}"], invalid: [#"{"a": 1, "b": 1}"#],
    keyword: "dependencies"),
  SchemaCase(
    name: "dependencies schema",
    schema:
      #"{"dependencies": {"a": {"properties": {"b": {"type": "integer"}}, "required": ["b"]}}}"#,
    valid: [#"{"a": 1, "b": 2}"#, #"{"b": "x"}"#], invalid: [#"{"a": 1}"#], keyword: "required"),
  SchemaCase(
    name: "items schema", schema: #"{"items": {"type": "integer"}}"#,
    valid: ["[]", "[1, 2]", #"{"0": "x"}"#],
    invalid: [#"[1, "x"]"#], keyword: "type"),
  SchemaCase(
    name: "items tuple", schema: #"{"items": [{"type": "integer"}, {"type": "string"}]}"#,
    valid: ["[1]", #"[1, "a"]"#, #"[1, "a", null]"#], invalid: [#"["a", 1]"#], keyword: "type"),
  SchemaCase(
    name: "additionalItems false", schema: #"{"items": [{}, {}], "additionalItems": false}"#,
    valid: ["[]", "[1, 2]"], invalid: ["[1, 2, 3]"], keyword: "additionalItems"),
  SchemaCase(
    name: "additionalItems ignored without tuple",
    schema: #"{"items": {}, "additionalItems": false}"#,
    valid: ["[1, 2, 3]"], invalid: [], keyword: "additionalItems"),
  SchemaCase(
    name: "additionalItems schema",
    schema: #"{"items": [{}], "additionalItems": {"type": "integer"}}"#,
    valid: [#"["x", 1, 2]"#], invalid: [#"["x", 1, "y"]"#], keyword: "type"),
  SchemaCase(
    name: "minItems", schema: #"{"minItems": 2}"#, valid: ["[1, 2]", #""x""#], invalid: ["[1]"],
    keyword: "minItems"),
  SchemaCase(
    name: "maxItems", schema: #"{"maxItems": 1}"#, valid: ["[1]", "[]"], invalid: ["[1, 2]"],
    keyword: "maxItems"),
  SchemaCase(
    name: "uniqueItems", schema: #"{"uniqueItems": true}"#,
    valid: ["[1, 2]", #"[{"a": 1}, {"a": 2}]"#, "[[1], [true]]", "[0, false]", "[1, true]"],
    invalid: [
      "[1, 1.0]", #"[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"#, "[[1], [1]]", #"["a", "b", "a"]"#,
    ],
    keyword: "uniqueItems"),
  SchemaCase(
    name: "uniqueItems large", schema: #"{"uniqueItems": true}"#,
    valid: ["[" + (0..<40).map(String.init).joined(separator: ",") + "]"],
    invalid: ["[" + (0..<40).map(String.init).joined(separator: ",") + ", 39.0]"],
    keyword: "uniqueItems"),
  SchemaCase(
    name: "minimum", schema: #"{"minimum": 1.5}"#, valid: ["1.5", "2", #""0""#],
    invalid: ["1.4", "-3"],
    keyword: "minimum"),
  SchemaCase(
    name: "exclusiveMinimum", schema: #"{"minimum": 1.5, "exclusiveMinimum": true}"#,
    valid: ["1.6"],
    invalid: ["1.5"], keyword: "minimum"),
  SchemaCase(
    name: "maximum", schema: #"{"maximum": 3}"#, valid: ["3", "3.0", "-1"], invalid: ["3.0001"],
    keyword: "maximum"),
  SchemaCase(
    name: "exclusiveMaximum", schema: #"{"maximum": 3, "exclusiveMaximum": true}"#, valid: ["2.99"],
    invalid: ["3"], keyword: "maximum"),
  SchemaCase(
    name: "multipleOf integer", schema: #"{"multipleOf": 2}"#, valid: ["10", "0", "4.0"],
    invalid: ["7"],
    keyword: "multipleOf"),
  SchemaCase(
    name: "multipleOf half", schema: #"{"multipleOf": 0.5}"#, valid: ["1.5", "4"],
    invalid: ["1.25"], keyword: "multipleOf"),
  SchemaCase(
    name: "multipleOf decimal (exact, Python uses floats)", schema: #"{"multipleOf": 0.01}"#,
    valid: ["0.07", "19.99", "5"], invalid: ["0.075"], keyword: "multipleOf", pythonDiffers: true),
  SchemaCase(
    name: "multipleOf 0.1", schema: #"{"multipleOf": 0.1}"#, valid: ["0.3", "1.1"], invalid: [],
    keyword: "multipleOf", pythonDiffers: true),
  SchemaCase(
    name: "minLength counts code points", schema: #"{"minLength": 2}"#,
    valid: [#""ab""#, #""£Ŵ""#, "1"],
    invalid: [#""😀""#, #""a""#], keyword: "minLength"),
  SchemaCase(
    name: "maxLength counts code points", schema: #"{"maxLength": 2}"#,
    valid: [#""😀😀""#, #""ŵâ""#],
    invalid: [#""abc""#], keyword: "maxLength"),
  SchemaCase(
    name: "pattern is not anchored", schema: #"{"pattern": "[0-9]{2}[A-Z]{2}"}"#,
    valid: [#""x12AB""#, #""12ABxyz""#, "12"], invalid: [#""12aB""#], keyword: "pattern"),
  SchemaCase(
    name: "allOf", schema: #"{"allOf": [{"type": "integer"}, {"minimum": 2}]}"#, valid: ["3"],
    invalid: ["1", "0"], keyword: "minimum"),
  SchemaCase(
    name: "anyOf", schema: #"{"anyOf": [{"type": "integer"}, {"minLength": 2}]}"#,
    valid: ["1", #""ab""#], invalid: [#""a""#], keyword: "anyOf"),
  SchemaCase(
    name: "oneOf", schema: #"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#,
    valid: ["1", "2.5"],
    invalid: ["3", "1.5"], keyword: "oneOf"),
  SchemaCase(
    name: "not", schema: #"{"not": {"type": "string"}}"#, valid: ["1"], invalid: [#""x""#],
    keyword: "not"),
  SchemaCase(
    name: "ref to definitions",
    schema:
      ##"{"definitions": {"pos": {"type": "integer", "minimum": 1}}, "properties": {"n": {"$ref": "#/definitions/pos"}}}"##,
    valid: [#"{"n": 3}"#], invalid: [#"{"n": 0}"#], keyword: "minimum"),
  SchemaCase(
    name: "ref siblings are ignored",
    schema:
      ##"{"definitions": {"i": {"type": "integer"}}, "properties": {"n": {"$ref": "#/definitions/i", "maximum": 1}}}"##,
    valid: [#"{"n": 3}"#], invalid: [#"{"n": "x"}"#], keyword: "type"),
  SchemaCase(
    name: "recursive ref to root",
    schema:
      ##"{"properties": {"name": {"type": "string"}, "child": {"$ref": "#"}}, "additionalProperties": false}"##,
    valid: [#"{"name": "a", "child": {"child": {"name": "b"}}}"#],
    invalid: [#"{"child": {"child": {"x": 1}}}"#],
    keyword: "additionalProperties"),
  SchemaCase(
    name: "ref with escaped pointer",
    schema:
      ##"{"definitions": {"a/b": {"type": "integer"}, "c~d": {"type": "string"}, "e%f": {"type": "null"}}, "properties": {"x": {"$ref": "#/definitions/a~1b"}, "y": {"$ref": "#/definitions/c~0d"}, "z": {"$ref": "#/definitions/e%25f"}}}"##,
    valid: [#"{"x": 1, "y": "s", "z": null}"#],
    invalid: [#"{"x": "s"}"#, #"{"y": 1}"#, #"{"z": 1}"#],
    keyword: "type"),
  SchemaCase(
    name: "ref through id scope",
    schema:
      ##"{"id": "http://example.com/root.json", "definitions": {"A": {"id": "#foo", "type": "integer"}, "B": {"id": "sub/", "definitions": {"C": {"type": "string"}}, "items": {"$ref": "#/definitions/C"}}}, "properties": {"a": {"$ref": "#foo"}, "b": {"$ref": "http://example.com/sub/#/definitions/C"}}}"##,
    valid: [#"{"a": 1, "b": "x"}"#], invalid: [#"{"a": "x"}"#, #"{"b": 1}"#], keyword: "type"),
  SchemaCase(
    name: "keywords for other types are ignored",
    schema:
      #"{"type": "string", "maximum": 1, "uniqueItems": true, "minItems": 3, "required": ["a"]}"#,
    valid: [#""abc""#], invalid: ["5"], keyword: "type"),
  SchemaCase(
    name: "unknown keywords are ignored", schema: #"{"frobnicate": 12, "description": "x"}"#,
    valid: ["1"],
    invalid: [], keyword: "type"),
  SchemaCase(
    name: "format ipv4", schema: #"{"format": "ipv4"}"#, valid: [#""192.168.0.1""#, "12"],
    invalid: [#""256.1.1.1""#, #""1.2.3""#, #""01.2.3.4""#], keyword: "format", pythonDiffers: true),
  SchemaCase(
    name: "format ipv6", schema: #"{"format": "ipv6"}"#, valid: [#""::1""#, #""fe80::1:2""#],
    invalid: [#""12345::""#, #""1:2""#], keyword: "format", pythonDiffers: true),
  SchemaCase(
    name: "format date-time", schema: #"{"format": "date-time"}"#,
    valid: [
      #""2024-02-29T10:00:00Z""#, #""2024-01-01t10:00:00.123+01:00""#, #""1998-12-31T23:59:60Z""#,
    ],
    invalid: [
      #""2023-02-29T10:00:00Z""#, #""2024-01-01 10:00:00Z""#, #""2024-01-01T10:00:00""#,
      #""2024-13-01T10:00:00Z""#, #""2024-01-01T24:00:00Z""#, #""2024-01-01T10:00:00+1:00""#,
    ], keyword: "format", pythonDiffers: true),
  SchemaCase(
    name: "format email", schema: #"{"format": "email"}"#, valid: [#""a@example.com""#],
    invalid: [#""example.com""#], keyword: "format", pythonDiffers: true),
  SchemaCase(
    name: "format hostname", schema: #"{"format": "hostname"}"#, valid: [#""www.example.com""#],
    invalid: [#""-bad.example""#, #""a..b""#], keyword: "format", pythonDiffers: true),
  SchemaCase(
    name: "format uri", schema: #"{"format": "uri"}"#, valid: [#""https://example.com/a?b=c#d""#],
    invalid: [#""//example.com""#, #""not a uri""#], keyword: "format", pythonDiffers: true),
]
