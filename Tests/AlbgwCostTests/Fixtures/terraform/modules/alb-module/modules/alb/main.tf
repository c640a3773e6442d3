locals {
  create = var.create && length(var.subnets) > 0
}

resource "aws_lb" "this" {
  count = local.create ? 1 : 0

  name               = var.name
  internal           = var.internal
  load_balancer_type = "application"
  subnets            = var.subnets
  security_groups    = var.security_groups
}

resource "aws_lb_listener" "this" {
  for_each = { for key, listener in var.listeners : key => listener if local.create }

  load_balancer_arn = aws_lb.this[0].arn
  port              = each.value.port
  protocol          = each.value.protocol
  ssl_policy        = contains(["HTTPS", "TLS"], each.value.protocol) ? coalesce(each.value.ssl_policy, "ELBSecurityPolicy-TLS13-1-2-2021-06") : null

  dynamic "default_action" {
    for_each = each.value.forward != null ? [each.value.forward] : []

    content {
      type             = "forward"
      target_group_arn = aws_lb_target_group.this[default_action.value.target_group_key].arn
    }
  }

  dynamic "default_action" {
    for_each = each.value.fixed_response != null ? [each.value.fixed_response] : []

    content {
      type = "fixed-response"
      fixed_response {
        content_type = default_action.value.content_type
        status_code  = default_action.value.status_code
      }
    }
  }
}

resource "aws_lb_target_group" "this" {
  for_each = local.create ? var.target_groups : {}

  name_prefix = try(each.value.name_prefix, null)
  target_type = each.value.target_type
  port        = each.value.target_type == "lambda" ? null : each.value.port
  protocol    = each.value.target_type == "lambda" ? null : each.value.protocol

  dynamic "health_check" {
    for_each = each.value.health_check != null ? [each.value.health_check] : []

    content {
      path    = health_check.value.path
      matcher = health_check.value.matcher
    }
  }
}

resource "aws_lb_target_group_attachment" "this" {
  for_each = { for key, group in var.target_groups : key => group if local.create && group.target_id != null }

  target_group_arn = aws_lb_target_group.this[each.key].arn
  target_id        = each.value.target_id
}

resource "aws_lambda_permission" "this" {
  for_each = { for key, group in var.target_groups : key => group if local.create && group.target_type == "lambda" }

  action        = "lambda:InvokeFunction"
  function_name = each.value.target_id
  principal     = "elasticloadbalancing.amazonaws.com"
  source_arn    = aws_lb_target_group.this[each.key].arn
}
