# One IAM role per service account, assumable only with a token the cluster signed for exactly
# that namespace and name (and for STS as its audience).

data "aws_iam_policy_document" "trust" {
  for_each = var.service_accounts

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${each.value}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = var.service_accounts

  name               = "${var.name}-${each.key}"
  description        = "IRSA role of the service account ${var.namespace}/${each.value}"
  assume_role_policy = data.aws_iam_policy_document.trust[each.key].json
}

resource "aws_iam_role_policy" "this" {
  for_each = var.policies

  name   = "holdfast-${each.key}"
  role   = aws_iam_role.this[each.key].id
  policy = each.value
}
