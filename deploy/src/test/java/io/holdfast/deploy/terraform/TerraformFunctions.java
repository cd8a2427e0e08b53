package io.holdfast.deploy.terraform;

import java.util.Set;

/** Terraform's built-in functions (1.9's list), so a misspelt call is found before a plan. */
final class TerraformFunctions {
  private TerraformFunctions() {}

  static final Set<String> BUILT_IN = Set.of(
      // numbers
      "abs", "ceil", "floor", "log", "max", "min", "parseint", "pow", "signum",
      // strings
      "chomp", "endswith", "format", "formatlist", "indent", "join", "lower", "regex",
      "regexall", "replace", "split", "startswith", "strcontains", "strrev", "substr",
      "templatestring", "title", "trim", "trimprefix", "trimspace", "trimsuffix", "upper",
      // collections
      "alltrue", "anytrue", "chunklist", "coalesce", "coalescelist", "compact", "concat",
      "contains", "distinct", "element", "flatten", "index", "keys", "length", "lookup",
      "matchkeys", "merge", "one", "range", "reverse", "setintersection", "setproduct",
      "setsubtract", "setunion", "slice", "sort", "sum", "transpose", "values", "zipmap",
      // encoding
      "base64decode", "base64encode", "base64gzip", "csvdecode", "jsondecode", "jsonencode",
      "textdecodebase64", "textencodebase64", "urlencode", "yamldecode", "yamlencode",
      // files
      "abspath", "dirname", "pathexpand", "basename", "file", "fileexists", "fileset",
      "filebase64", "templatefile",
      // time
      "formatdate", "plantimestamp", "timeadd", "timecmp", "timestamp",
      // hashes and crypto
      "base64sha256", "base64sha512", "bcrypt", "filebase64sha256", "filebase64sha512",
      "filemd5", "filesha1", "filesha256", "filesha512", "md5", "rsadecrypt", "sha1",
      "sha256", "sha512", "uuid", "uuidv5",
      // networks
      "cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets",
      // types
      "can", "issensitive", "nonsensitive", "sensitive", "tobool", "tolist", "tomap",
      "tonumber", "toset", "tostring", "try", "type", "ephemeralasnull");
}
