resource "aws_api_gateway_rest_api" "myapp" {
name = "myapp"

endpoint_configuration {
types = ["PRIVATE"]
vpc_endpoint_ids = [vpce-11111111111111111]
}

policy = <<POLICY
{
"Version": "2012-10-17",
"Statement": [
{
"Effect": "Allow",
"Principal": "*",
"Action": "execute-api:Invoke",
"Resource": [
"execute-api:/*"
],
"Condition": {
"StringEquals": {
"aws:SourceVpce": "vpc-11111111"
}
}
}
]
}
POLICY
}

resource "aws_vpc_endpoint" "apigw" {
vpc_id = "vpc-11111111"
service_name = "com.amazonaws.us-east-1.execute-api"
vpc_endpoint_type = "Interface"

security_group_ids = [
aws_security_group.apigw.id
]

private_dns_enabled = false
}

resource "aws_security_group" "apigw" {
name = "myapp-apigw"
vpc_id = "vpc-11111111"
}

resource "aws_api_gateway_domain_name" "myapp" {
domain_name = "myapp.local.mycompany.com"
regional_certificate_arn = "arn:aws:acm:us-east-1:111111111111:certificate/..."
security_policy = "TLS_1_2"

endpoint_configuration {
types = ["REGIONAL"]
}
}

resource "aws_api_gateway_base_path_mapping" "myapp" {
api_id = aws_api_gateway_rest_api.myapp.id
stage_name = aws_api_gateway_deployment.myapp.stage_name
domain_name = aws_api_gateway_domain_name.myapp.domain_name
}

resource "aws_api_gateway_deployment" "myapp" {
rest_api_id = aws_api_gateway_rest_api.myapp.id
stage_name = "v1"
}

resource "aws_lb" "myapp" {
name = "myapp"
load_balancer_type = "application"
security_groups = [aws_security_group.alb.id]
subnets = ["subnet-aaaaaaaaaaaaaaaaa", "subnet-bbbbbbbbbbbbbbbbb"]
internal = true
}

resource "aws_lb_listener" "myapp_https" {
load_balancer_arn = aws_lb.myapp.arn
port = "443"
protocol = "HTTPS"
ssl_policy = "ELBSecurityPolicy-FS-1-2-2019-08"

certificate_arn = "arn:aws:acm:us-east-1:111111111111:certificate/..."

default_action {
type = "forward"
target_group_arn = aws_lb_target_group.myapp.arn
}
}

resource "aws_lb_target_group" "myapp" {
name_prefix = "myapp-"
port = 443
protocol = "HTTPS"
vpc_id = "vpc-11111111"
deregistration_delay = 60
target_type = "ip"

health_check {
interval = 10
path = "/"
protocol = "HTTPS"
timeout = 5
healthy_threshold = 2
unhealthy_threshold = 2
matcher = "200-499"
}
}

resource "aws_lb_target_group_attachment" "myapp_1" {
target_group_arn = aws_lb_target_group.myapp.arn
target_id = var.vpce_ip_1
}

resource "aws_lb_target_group_attachment" "myapp_2" {
target_group_arn = aws_lb_target_group.api.arn
target_id = var.vpce_ip_2
}

resource "aws_route53_record" "myapp" {
zone_id = "..."
name = "myapp.local.mycompany.com"
type = "A"

alias {
name = aws_lb.myapp.dns_name
zone_id = aws_lb.myapp.zone_id
evaluate_target_health = false
}
}
