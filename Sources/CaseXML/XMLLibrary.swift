import CLibXML2

/// Facts about the libxml2 this binary is linked with.
public enum XMLLibrary {
  /// The libxml2 version, as `xmlParserVersion` reports it (for example `20914`).
  public static var version: String {
    String(cString: casefile_xml_parser_version())
  }
}
