output "arn" {
  value = try(aws_lb.this[0].arn, null)
}

output "dns_name" {
  value = try(aws_lb.this[0].dns_name, null)
}

output "target_group_arns" {
  value = { for key, group in aws_lb_target_group.this : key => group.arn }
}

output "listener_count" {
  value = length(var.listeners)
}
